import {
  GraphError,
  type Var,
  add,
  constant,
  defineOp,
  matmul,
  mul,
  sigmoid,
  sum,
  toDot,
  toMermaid,
  variable,
} from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { f64 } from './helpers';

function nodeIds(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

describe('toDot', () => {
  it('draws op names, shapes, leaf kinds and edges in valid DOT', () => {
    const x = variable(
      f64([
        [1, 2],
        [3, 4],
      ]),
    );
    const b = constant(f64([1, 1]));
    const loss = sum(sigmoid(add(mul(x, x), b)));
    const dot = toDot(loss);
    expect(dot.startsWith('digraph chainrule {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    for (const text of ['sum', 'sigmoid', 'add', 'mul', 'variable', 'constant', 'shape [2,2]', 'shape []']) {
      expect(dot).toContain(text);
    }
    const declared = nodeIds(dot, /^ {2}(n\d+) \[/gm);
    expect(declared).toHaveLength(6);
    const edges = [...dot.matchAll(/^ {2}(n\d+) -> (n\d+);$/gm)];
    expect(edges).toHaveLength(6); // mul takes x twice
    for (const [, from, to] of edges) {
      expect(declared).toContain(from);
      expect(declared).toContain(to);
    }
  });
  it('shows gradient norms once backward has run, also after the graph was released', () => {
    const x = variable(f64([3, 4]));
    const loss = sum(mul(x, x));
    expect(toDot(loss)).not.toContain('grad norm');
    loss.backward();
    const dot = toDot(loss);
    expect(dot).toContain('grad norm 10'); // |2x| = |(6, 8)|
    expect(dot).toContain('sum\\nshape []\\ndata [25]\\ngrad norm 1"');
  });
  it('escapes quotes in op names', () => {
    const quoted = defineOp<[Tensor]>({ name: 'my"op', forward: ([x]) => T.neg(x), backward: (grad) => [grad] });
    expect(toDot(quoted(variable([1])))).toContain('my\\"op');
    expect(toMermaid(quoted(variable([1])))).toContain('my#quot;op');
  });
  it('handles deep graphs without recursion', () => {
    let y = variable(f64(1));
    for (let i = 0; i < 20_000; i++) y = mul(y, 1);
    expect(toDot(y).split('->')).toHaveLength(20_000 * 2 + 1);
  });
});

describe('toMermaid', () => {
  it('draws a flowchart with labelled nodes and arrows', () => {
    const x = variable(f64([3, 4]));
    const loss = sum(mul(x, 2));
    loss.backward();
    const text = toMermaid(loss);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const declared = nodeIds(text, /^ {2}(n\d+)[[(]/gm);
    expect(declared).toHaveLength(4);
    const edges = [...text.matchAll(/^ {2}(n\d+) --> (n\d+)$/gm)];
    expect(edges).toHaveLength(3);
    for (const [, from, to] of edges) {
      expect(declared).toContain(from);
      expect(declared).toContain(to);
    }
    expect(text).toContain('mul<br/>shape [2]');
    expect(text).toMatch(/n\d+\(\["variable<br\/>shape \[2\]<br\/>data \[3, 4\]<br\/>grad norm 2\.828/);
  });
});

/** Every node of a DOT text: its id and its label lines, unescaped; fails unless each label is a well-formed DOT string. */
function dotNodes(text: string): Map<string, string[]> {
  const nodes = new Map<string, string[]>();
  for (const line of text.split('\n').filter((l) => /^ {2}n\d+ \[/.test(l))) {
    const match = /^ {2}(n\d+) \[shape=(?:box|ellipse), label="((?:[^"\\\n]|\\.)*)"\];$/.exec(line);
    expect(match, `malformed DOT node: ${line}`).not.toBeNull();
    // `\n` separates lines; any other `\x` stands for x.
    const lines = match![2]!.split(/(?<!\\)((?:\\\\)*)\\n/).reduce<string[]>((parts, piece, index) => {
      if (index % 2 === 1)
        parts[parts.length - 1] += piece; // an even run of backslashes before the `\n`
      else parts.push(piece);
      return parts;
    }, []);
    nodes.set(
      match![1]!,
      lines.map((part) => part.replace(/\\(.)/g, '$1')),
    );
  }
  return nodes;
}

const mermaidEntities: Record<string, string> = {
  '35': '#',
  amp: '&',
  quot: '"',
  lt: '<',
  gt: '>',
  '96': '`',
  '92': '\\',
};

/** Every node of a Mermaid text: its id and its label lines, decoded; fails unless each label is a safe quoted string. */
function mermaidNodes(text: string): Map<string, string[]> {
  const nodes = new Map<string, string[]>();
  for (const line of text.split('\n').filter((l) => /^ {2}n\d+[[(]/.test(l))) {
    const match =
      /^ {2}(n\d+)(?:\["([^"`<>\n\\]*(?:<br\/>[^"`<>\n\\]*)*)"\]|\(\["([^"`<>\n\\]*(?:<br\/>[^"`<>\n\\]*)*)"\]\))$/.exec(
        line,
      );
    expect(match, `malformed Mermaid node: ${line}`).not.toBeNull();
    const label = match![2] ?? match![3]!;
    const decoded = label.split('<br/>').map((part) =>
      part.replace(/#(\w+);/g, (entity, code: string) => {
        expect(mermaidEntities, `unknown entity ${entity}`).toHaveProperty(code);
        return mermaidEntities[code]!;
      }),
    );
    nodes.set(match![1]!, decoded);
  }
  return nodes;
}

/** A two-layer toy model `Σ σ(x·W1)·W2` with float64 weights, its loss after backward, and its named parameters. */
function toyModel() {
  const x = constant(
    f64([
      [0, 0, 1],
      [1, 1, 1],
    ]),
  );
  const hiddenWeight = variable(
    f64([
      [0.1, 0.2],
      [0.3, 0.4],
      [0.5, 0.6],
    ]),
  );
  const outputWeight = variable(f64([[1], [-1]]));
  const loss = sum(matmul(sigmoid(matmul(x, hiddenWeight)), outputWeight));
  loss.backward();
  const namedParameters: [string, Var][] = [
    ['hidden.weight', hiddenWeight],
    ['output.weight', outputWeight],
  ];
  return { x, hiddenWeight, outputWeight, loss, namedParameters };
}

describe('toDot and toMermaid with { names }', () => {
  it('label the named nodes with their name above op and shape, from [name, Var] pairs, and change nothing else', () => {
    const { loss, namedParameters, hiddenWeight } = toyModel();
    const hiddenNorm = Math.hypot(...(hiddenWeight.grad!.toArray() as number[][]).flat());
    for (const [plain, named] of [
      [dotNodes(toDot(loss)), dotNodes(toDot(loss, { names: namedParameters }))],
      [mermaidNodes(toMermaid(loss)), mermaidNodes(toMermaid(loss, { names: namedParameters }))],
    ] as const) {
      expect([...named.keys()]).toEqual([...plain.keys()]);
      const labels = [...named.values()];
      expect(labels).toContainEqual([
        'hidden.weight',
        'variable',
        'shape [3,2]',
        `grad norm ${Number(hiddenNorm.toPrecision(4))}`,
      ]);
      expect(labels.find((l) => l[0] === 'output.weight')?.slice(1, 4)).toEqual([
        'variable',
        'shape [2,1]',
        'data [1, -1]',
      ]);
      for (const [id, lines] of named) {
        const name = lines[0] === 'hidden.weight' || lines[0] === 'output.weight' ? [lines[0]] : [];
        expect(lines).toEqual([...name, ...plain.get(id)!]); // the name is prepended, the rest is unchanged
      }
      expect(labels.filter((l) => l[0] === 'hidden.weight' || l[0] === 'output.weight')).toHaveLength(2);
    }
  });

  it('accept a Map<Var, string>, a Map<string, Var> and a generator, and may name op results too', () => {
    const { x, loss, hiddenWeight, outputWeight, namedParameters } = toyModel();
    const byVar = new Map<Var, string>([
      [x, 'X'],
      [loss, 'loss'],
      [hiddenWeight, 'W1'],
    ]);
    const dot = [...dotNodes(toDot(loss, { names: byVar })).values()];
    expect(dot[0]!.slice(0, 2)).toEqual(['loss', 'sum']); // the root is n0
    expect(dot.find((l) => l[0] === 'X')!.slice(1, 3)).toEqual(['constant', 'shape [2,3]']);
    expect(dot.find((l) => l[0] === 'W1')!.slice(1, 3)).toEqual(['variable', 'shape [3,2]']);
    const byName = [...mermaidNodes(toMermaid(loss, { names: new Map(namedParameters) })).values()];
    expect(byName.find((l) => l[0] === 'output.weight')?.[2]).toBe('shape [2,1]');
    function* pairs(): Generator<[string, Var]> {
      yield ['w2', outputWeight];
    }
    expect([...mermaidNodes(toMermaid(loss, { names: pairs() })).values()].map((l) => l[0])).toContain('w2');
  });

  it('keep the first of two names for one Var and ignore Vars outside the graph', () => {
    const { loss, outputWeight } = toyModel();
    const elsewhere = variable(f64([1]));
    const text = toDot(loss, {
      names: [
        ['first', outputWeight],
        ['second', outputWeight],
        ['unused', elsewhere],
      ],
    });
    const labels = [...dotNodes(text).values()].map((l) => l[0]);
    expect(labels).toContain('first');
    expect(text).not.toContain('second');
    expect(text).not.toContain('unused');
  });

  it('escape quotes, backslashes, brackets, entity look-alikes and line breaks in names, and stay well formed', () => {
    const { loss, hiddenWeight, outputWeight, x } = toyModel();
    const tricky = ['layer["a"].weight\\n', 'two\nlines\r\nand <br/> [x] (y) {z} #quot; & `tick` |pipe|; end'];
    const names: [string, Var][] = [
      [tricky[0]!, hiddenWeight],
      [tricky[1]!, outputWeight],
      ['X', x],
    ];
    const dotText = toDot(loss, { names });
    const mermaidText = toMermaid(loss, { names });
    expect(dotText).toContain('label="layer[\\"a\\"].weight\\\\n\\nvariable');
    expect(mermaidText).toContain('layer[#quot;a#quot;].weight#92;n<br/>variable');
    expect(mermaidText).toContain(
      'two<br/>lines<br/>and #lt;br/#gt; [x] (y) {z} #35;quot; #amp; #96;tick#96; |pipe|; end',
    );
    const dot = [...dotNodes(dotText).values()];
    const mermaid = [...mermaidNodes(mermaidText).values()];
    // Round trip: decoding each label gives back the name (a line break in a name becomes a line break in the label).
    for (const labels of [dot, mermaid]) {
      expect(labels).toContainEqual(expect.arrayContaining(['layer["a"].weight\\n', 'variable', 'shape [3,2]']));
      const second = labels.find((l) => l[0] === 'two')!;
      expect(second.slice(0, 4)).toEqual([
        'two',
        'lines',
        'and <br/> [x] (y) {z} #quot; & `tick` |pipe|; end',
        'variable',
      ]);
    }
    for (const [text, edge] of [
      [dotText, / {2}(n\d+) -> (n\d+);$/gm],
      [mermaidText, / {2}(n\d+) --> (n\d+)$/gm],
    ] as const) {
      const declared = [...(text === dotText ? dotNodes(text) : mermaidNodes(text)).keys()];
      expect(declared).toHaveLength(7); // sum, matmul, sigmoid, matmul, X, W1, W2
      const edges = [...text.matchAll(edge)];
      expect(edges).toHaveLength(6);
      for (const [, from, to] of edges) {
        expect(declared).toContain(from);
        expect(declared).toContain(to);
      }
      // Every line is a header, a node, an edge or the closing brace: nothing leaked out of a label.
      for (const line of text.trimEnd().split('\n')) {
        expect(line).toMatch(
          /^(digraph chainrule \{| {2}rankdir=LR;| {2}node \[fontname="Helvetica"\];| {2}n\d+\b.*|\}|flowchart LR)$/,
        );
      }
    }
  });

  it('without names draw exactly what they drew before', () => {
    const { loss } = toyModel();
    expect(toDot(loss, {})).toBe(toDot(loss));
    expect(toDot(loss, { names: [] })).toBe(toDot(loss));
    expect(toMermaid(loss, { names: new Map() })).toBe(toMermaid(loss));
    expect(toMermaid(loss, undefined)).toBe(toMermaid(loss));
  });

  const cases: [string, unknown, RegExp][] = [
    ['options that are not an object', 3, /options must be an object such as \{ names \}; got number 3/],
    ['an array as options', [['w', 1]], /options must be an object .*got an array/],
    ['an unknown option', { name: [] }, /unknown option "name"; expected only names/],
    [
      'names that are not iterable',
      { names: 42 },
      /options\.names must be an iterable of \[name, Var\] pairs .*Map<Var, string>; got number 42/,
    ],
    ['names as a plain object', { names: { w: 1 } }, /options\.names must be an iterable .*got an object \(Object\)/],
    ['names as a string', { names: 'weights' }, /options\.names must be an iterable .*got string weights/],
    ['null names', { names: null }, /options\.names must be an iterable .*got null/],
    [
      'an entry that is not a pair',
      { names: [['w']] },
      /options\.names entry 0 must be a \[name, Var\] pair; got an array of length 1/,
    ],
    [
      'an entry that is a bare string',
      { names: ['w'] },
      /options\.names entry 0 must be a \[name, Var\] pair; got string w/,
    ],
    [
      'a pair whose value is not a Var',
      { names: [['w', 1.5]] },
      /options\.names entry 0 \("w"\): expected a Var to name; got number 1\.5/,
    ],
    [
      'a pair whose value is a Tensor',
      { names: [['w', f64([1])]] },
      /entry 0 \("w"\): expected a Var to name; got an object \(Tensor\)/,
    ],
    [
      'a non-string name',
      { names: [[7, variable([1])]] },
      /options\.names entry 0: the name must be a string; got number 7/,
    ],
    [
      'an empty name',
      { names: [['', variable([1])]] },
      /options\.names entry 0: the name is empty; expected a non-empty string/,
    ],
    [
      'a Map<Var, string> with a non-string name',
      { names: new Map([[variable([1]), 3]]) },
      /entry 0: the name must be a string; got number 3/,
    ],
  ];
  for (const [label, options, message] of cases) {
    it(`throw a GraphError naming the function for ${label}`, () => {
      const { loss } = toyModel();
      const before = toDot(loss);
      for (const [name, draw] of [
        ['toDot', toDot],
        ['toMermaid', toMermaid],
      ] as const) {
        let error: unknown;
        try {
          draw(loss, options as never);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(GraphError);
        expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
      expect(toDot(loss)).toBe(before); // nothing changed on the graph
    });
  }
  it('report the index of the bad entry after good ones', () => {
    const { loss, outputWeight } = toyModel();
    expect(() =>
      toDot(loss, {
        names: [
          ['ok', outputWeight],
          ['bad', 'nope' as never],
        ],
      }),
    ).toThrow(/entry 1 \("bad"\)/);
  });
});

describe('toDot after the weights changed', () => {
  it('shows the leaves gradient norms only, and does not throw', () => {
    const w = variable(f64([3, 4]));
    const loss = sum(mul(w, w));
    loss.backward();
    expect(toDot(loss)).toContain('mul\\nshape [2]\\ndata [9, 16]\\ngrad norm 1.414');
    w.value = f64([0, 0]); // what an optimizer step does
    const dot = toDot(loss);
    expect(dot).toContain('grad norm 10'); // the leaf's .grad
    expect(dot).not.toContain('grad norm 1.414');
  });
});

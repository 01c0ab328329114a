import { add, defineOp, mul, sigmoid, sum, toDot, toMermaid, variable, constant } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { f64 } from './helpers';

function nodeIds(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

describe('toDot', () => {
  it('draws op names, shapes, leaf kinds and edges in valid DOT', () => {
    const x = variable(f64([[1, 2], [3, 4]]));
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

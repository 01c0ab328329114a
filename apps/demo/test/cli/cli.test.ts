import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLoss } from '../../src/render/format';
import { allElements, parseXml } from '../helpers/xml';
import { ensureBuilt, runCli, runCliAsync, type CliRun } from '../helpers/cli-process';

let workDirectory: string;

beforeAll(() => {
  ensureBuilt();
  workDirectory = mkdtempSync(join(tmpdir(), 'chainrule-demo-test-'));
});

afterAll(() => {
  rmSync(workDirectory, { recursive: true, force: true });
});

/** A fresh empty directory for one test's output files. */
function freshDirectory(name: string): string {
  const directory = join(workDirectory, name);
  mkdirSync(directory);
  return directory;
}

/** The rows of the predictions table: `[0, 1, 1]   1   0.9712   0.0288`. */
function tableRows(stdout: string): { input: string; target: number; prediction: number; error: number }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('['))
    .map((line) => {
      const close = line.indexOf(']');
      const [target, prediction, error] = line
        .slice(close + 1)
        .trim()
        .split(/\s+/)
        .map(Number);
      return { input: line.slice(0, close + 1), target: target!, prediction: prediction!, error: error! };
    });
}

describe('default run (stdout piped, so plain progress lines)', () => {
  let run: CliRun;
  beforeAll(() => {
    run = runCli([]);
  });

  it('exits 0 with nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints ten progress lines whose losses fall', () => {
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('iteration ') && line.includes('/'));
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toContain('1,500/1,500  final loss ');
    const losses = lines.map((line) => Number(line.split('loss ')[1]));
    for (let index = 1; index < losses.length; index++) expect(losses[index]).toBeLessThan(losses[index - 1]!);
  });

  it('shows the loss chart, labelled with its scale', () => {
    expect(run.stdout).toMatch(/Loss \(sum of squared errors, (log|linear) scale\) over 1,500 iterations/);
    expect(run.stdout).toContain('└');
  });

  it('ends with every prediction within 0.05 of its target, in a table of the four rows', () => {
    const rows = tableRows(run.stdout);
    expect(rows.map((row) => row.input)).toEqual(['[0, 0, 1]', '[0, 1, 1]', '[1, 0, 1]', '[1, 1, 1]']);
    expect(rows.map((row) => row.target)).toEqual([0, 1, 1, 0]);
    for (const row of rows) {
      expect(Math.abs(row.prediction - row.target)).toBeLessThan(0.05);
      expect(row.error).toBeCloseTo(Math.abs(row.prediction - row.target), 3);
    }
  });

  it('reports the final loss, that it fell at every iteration, and the training time', () => {
    expect(run.stdout).toMatch(
      /\nFinal loss [0-9.e-]+; it fell at all 1,500 iterations; trained in [0-9.]+ (ms|s)\.\n$/,
    );
  });
});

describe('--json', () => {
  it('prints only JSON: options, monotone per-iteration losses, predictions, weights, time', () => {
    const run = runCli(['--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual([
      'options',
      'finalLoss',
      'lossFellEveryIteration',
      'lossRises',
      'trainingMilliseconds',
      'predictions',
      'weights',
      'losses',
    ]);
    expect(result.options).toMatchObject({ iterations: 1500, learningRate: 1, hiddenUnits: 4, dtype: 'float64' });
    expect(result.losses).toHaveLength(1501); // the loss after 0, 1, ..., 1500 iterations
    expect(result.losses.at(-1)).toBe(result.finalLoss);
    const sequence: number[] = result.losses;
    for (let index = 1; index < sequence.length; index++) expect(sequence[index]).toBeLessThan(sequence[index - 1]!);
    expect(result.lossFellEveryIteration).toBe(true);
    expect(result.lossRises).toBe(0);
    expect(result.trainingMilliseconds).toBeGreaterThan(0);
    expect(result.predictions.map((row: { input: number[] }) => row.input)).toEqual([
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
    ]);
    for (const row of result.predictions) expect(Math.abs(row.prediction - row.target)).toBeLessThan(0.05);
    expect(Object.keys(result.weights.final)).toEqual(['hidden.weight', 'output.weight']);
    expect(result.weights.initial['hidden.weight']).toHaveLength(3);
    expect(result.weights.initial['hidden.weight'][0]).toHaveLength(4);
    expect(result.weights.final['output.weight']).toHaveLength(4);
    for (const row of result.weights.initial['hidden.weight'])
      for (const weight of row) expect(weight >= 0 && weight < 1).toBe(true);
  });

  it('follows --iterations, --hidden, --lr, --seed and --dtype', () => {
    const run = runCli([
      '--json',
      '--iterations',
      '25',
      '--hidden',
      '2',
      '--lr',
      '0.5',
      '--seed',
      '9',
      '--dtype',
      'float32',
    ]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.options).toEqual({ iterations: 25, learningRate: 0.5, hiddenUnits: 2, seed: 9, dtype: 'float32' });
    expect(result.losses).toHaveLength(26);
    expect(result.weights.final['hidden.weight'].map((row: number[]) => row.length)).toEqual([2, 2, 2]);
    expect(result.weights.final['output.weight']).toHaveLength(2);
  });

  it('--compile gives the same output, losses, predictions and weights, in both dtypes', () => {
    for (const dtype of ['float64', 'float32']) {
      const args = ['--json', '--iterations', '200', '--dtype', dtype];
      const [eager, compiled] = [runCli(args), runCli([...args, '--compile'])].map((run) => {
        expect(run.status).toBe(0);
        const { trainingMilliseconds: _time, ...result } = JSON.parse(run.stdout);
        return result;
      });
      expect(compiled).toEqual(eager);
    }
  });
});

describe('--quiet and --help', () => {
  it('--quiet prints the summary line only', () => {
    const run = runCli(['--quiet', '--iterations', '20']);
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Final loss [0-9.e-]+; it fell at all 20 iterations; trained in /);
  });

  it('--help states every exit code', () => {
    const run = runCli(['--help']);
    expect(run.stdout).toMatch(
      /Exit codes: 0 done; 2 bad flag or value[\s\S]*; 3 training diverged[\s\S]*; 1 any other failure/,
    );
  });

  it('--help lists every flag and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const flag of [
      '--iterations',
      '--lr',
      '--hidden',
      '--seed',
      '--dtype',
      '--plot',
      '--graph',
      '--json',
      '--quiet',
      '--help',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('float64');
  });
});

describe('--plot and --graph', () => {
  it('--plot writes a well-formed standalone SVG with axes, ticks, labels, a title and one point per iteration', () => {
    const directory = freshDirectory('plot');
    const path = join(directory, 'loss.svg');
    const run = runCli(['--plot', path]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Wrote the loss plot to ${path}`);
    const svg = parseXml(readFileSync(path, 'utf8'));
    expect(svg.name).toBe('svg');
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(svg.attributes.width)).toBeGreaterThan(0);
    const elements = allElements(svg);
    const texts = elements.filter((element) => element.name === 'text').map((element) => element.text);
    expect(elements.find((element) => element.name === 'title')?.text).toBe('chainrule demo: training loss');
    expect(texts).toContain('chainrule demo: training loss');
    expect(texts).toContain('iteration');
    expect(texts.some((text) => text.startsWith('loss Σ(y − ŷ)²'))).toBe(true);
    expect(texts).toContain('1,500'); // the x tick label at the end
    expect(elements.filter((element) => element.name === 'line').length).toBeGreaterThan(10); // axes, ticks, grid
    const polyline = elements.find((element) => element.name === 'polyline');
    const points = polyline!.attributes.points!.split(' ');
    expect(points).toHaveLength(1501); // the initial loss, then one point per iteration
    for (const point of points) {
      const [x, y] = point.split(',').map(Number);
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    }
    expect(readdirSync(directory)).toEqual(['loss.svg']); // no temporary file left behind
  });

  it('--graph writes the computation graph as Graphviz (.dot) or Mermaid (.mmd), with named weights and data', () => {
    const directory = freshDirectory('graph');
    const run = runCli(['--quiet', '--iterations', '5', '--graph', join(directory, 'net.dot')]);
    expect(run.status).toBe(0);
    const dot = readFileSync(join(directory, 'net.dot'), 'utf8');
    expect(dot.trimStart().startsWith('digraph')).toBe(true);
    for (const op of ['matmul', 'sigmoid', 'sse']) expect(dot).toContain(op);
    // The weights carry the model's parameter names, the data X and y, each as its node's first label line.
    expect(dot).toMatch(/^ {2}n\d+ \[shape=ellipse, label="hidden\.weight\\nvariable\\nshape \[3,4\]\\n/m);
    expect(dot).toMatch(/^ {2}n\d+ \[shape=ellipse, label="output\.weight\\nvariable\\nshape \[4,1\]\\n/m);
    expect(dot).toMatch(/^ {2}n\d+ \[shape=ellipse, label="X\\nconstant\\nshape \[4,3\]"\];$/m);
    expect(dot).toMatch(/^ {2}n\d+ \[shape=ellipse, label="y\\nconstant\\nshape \[4,1\]\\ndata \[0, 1, 1, 0\]"\];$/m);
    const mermaidRun = runCli(['--quiet', '--iterations', '5', '--graph', join(directory, 'net.mmd')]);
    expect(mermaidRun.status).toBe(0);
    const mermaid = readFileSync(join(directory, 'net.mmd'), 'utf8');
    expect(mermaid).not.toContain('digraph');
    expect(mermaid).toContain('matmul');
    expect(mermaid).toMatch(/^ {2}n\d+\(\["hidden\.weight<br\/>variable<br\/>shape \[3,4\]<br\/>/m);
    expect(mermaid).toMatch(/^ {2}n\d+\(\["output\.weight<br\/>variable<br\/>shape \[4,1\]<br\/>/m);
    expect(mermaid).toMatch(/^ {2}n\d+\(\["X<br\/>constant<br\/>shape \[4,3\]"\]\)$/m);
    expect(readdirSync(directory).sort()).toEqual(['net.dot', 'net.mmd']);
  });
});

// Each kind of failure once, as a process; the value rules in detail are in args.test.ts.
describe.concurrent('a bad flag or value: one line on stderr naming the flag, exit code 2, nothing written', () => {
  const cases: [string, string[], string][] = [
    ['an unknown flag', ['--foo'], '--foo'],
    ['a positional argument', ['extra'], '"extra"'],
    ['negative iterations', ['--iterations', '-5'], '--iterations'],
    ['negative iterations, inline', ['--iterations=-5'], '--iterations'],
    ['a missing value', ['--iterations'], '--iterations'],
    ['a flag where a value belongs', ['--seed', '--json'], '--seed'],
    ['a non-numeric lr', ['--lr', 'abc'], '--lr'],
    ['a negative lr', ['--lr', '-1'], '--lr'],
    ['zero hidden units', ['--hidden', '0'], '--hidden'],
    ['a negative seed', ['--seed', '-1'], '--seed'],
    ['an unknown dtype', ['--dtype', 'int8'], '--dtype'],
    ['a value for a boolean flag', ['--json=yes'], '--json'],
    ['a plot path without .svg', ['--plot', 'loss.png'], '--plot'],
    ['a plot path in a missing directory', ['--plot', '/nonexistent-chainrule-dir/loss.svg'], '--plot'],
    ['a graph path with another extension', ['--graph', 'graph.png'], '--graph'],
    ['a graph path in a missing directory', ['--graph', '/nonexistent-chainrule-dir/graph.dot'], '--graph'],
  ];
  it.each(cases)('%s', async (_name, args, flag) => {
    const run = await runCliAsync(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.startsWith('chainrule-demo: ')).toBe(true);
    expect(run.stderr).toContain(flag);
  });

  it('a plot path that is a directory', async () => {
    const directory = freshDirectory('directory-target');
    mkdirSync(join(directory, 'loss.svg'));
    const run = await runCliAsync(['--plot', join(directory, 'loss.svg')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--plot');
    expect(run.stderr).toContain('is a directory');
  });

  it('writes no file when another flag is bad', async () => {
    const directory = freshDirectory('nothing-written');
    const plot = join(directory, 'loss.svg');
    const [badLr, badGraph] = await Promise.all([
      runCliAsync(['--plot', plot, '--lr', 'abc']),
      runCliAsync(['--plot', plot, '--graph', join(directory, 'missing', 'graph.dot')]),
    ]);
    expect([badLr.status, badGraph.status]).toEqual([2, 2]);
    expect(badGraph.stderr).toContain('--graph');
    expect(readdirSync(directory)).toEqual([]);
  });
});

// File names are limited to 255 bytes (UTF-8), and the temporary file written beside the target must fit too.
describe.concurrent('long output file names: checked before training', () => {
  const name = (stem: string, extension: string): string => `${stem}${extension}`;
  const bytes = (text: string): number => Buffer.byteLength(text);

  it.each([
    ['--plot, 255 ASCII bytes', '--plot', name('a'.repeat(251), '.svg')],
    ['--plot, 254 bytes of 125 two-byte characters', '--plot', name('é'.repeat(125), '.svg')],
    ['--graph, 255 bytes', '--graph', name('g'.repeat(251), '.dot')],
  ])('a legal name of %s is written', async (_case, flag, fileName) => {
    expect(bytes(fileName)).toBeLessThanOrEqual(255);
    const directory = freshDirectory(`long-legal-${flag.slice(2)}-${bytes(fileName)}-${fileName.length}`);
    const run = await runCliAsync(['--quiet', '--iterations', '3', flag, join(directory, fileName)]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(directory)).toEqual([fileName]); // the target, and no temporary left behind
  });

  it.each([
    ['--plot, 256 ASCII bytes', '--plot', name('a'.repeat(252), '.svg'), 256],
    ['--plot, 256 bytes in 130 characters', '--plot', name('é'.repeat(126), '.svg'), 256],
    ['--graph, 300 bytes', '--graph', name('g'.repeat(296), '.mmd'), 300],
  ])('a name of %s is refused with exit code 2 before training', async (_case, flag, fileName, size) => {
    const directory = freshDirectory(`long-illegal-${flag.slice(2)}-${size}-${fileName.length}`);
    const run = await runCliAsync([flag, join(directory, fileName)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(''); // not even the header, which is printed before training starts
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`chainrule-demo: ${flag} cannot write`);
    expect(run.stderr).toContain(`the file name is ${size} bytes long; file systems allow at most 255`);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('a directory name over 255 bytes is refused with exit code 2', async () => {
    const run = await runCliAsync(['--plot', join(workDirectory, 'd'.repeat(300), 'loss.svg')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--plot cannot write');
    expect(run.stdout).toBe('');
  });
});

// --dtype float32 --lr 1e40: the first update overflows float32, so the weights are infinite after iteration 1.
describe.concurrent('training that diverges: one line on stderr, exit code 3, no file written, in every mode', () => {
  const diverging = ['--dtype', 'float32', '--lr', '1e40'];
  const expectedLine =
    'chainrule-demo: training diverged at iteration 1 of 1,500: hidden.weight became infinite; try a smaller --lr than 1e40\n';
  const modes: [string, string[]][] = [
    ['default', []],
    ['--quiet', ['--quiet']],
    ['--json', ['--json']],
  ];
  it.each(modes)('%s', async (mode, flags) => {
    const directory = freshDirectory(`diverged${mode}`);
    const outputs = ['--plot', join(directory, 'loss.svg'), '--graph', join(directory, 'graph.dot')];
    const run = await runCliAsync([...diverging, ...flags, ...outputs]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(expectedLine);
    expect(readdirSync(directory)).toEqual([]);
    expect(run.stdout).not.toMatch(/NaN|Infinity|Final loss|Wrote/);
    if (mode === 'default') expect(run.stdout).toMatch(/^chainrule demo: /);
    else expect(run.stdout).toBe('');
  });
});

/** An integer written as four or more digits in a row, without thousands separators (decimals are not counted). */
const unseparated = /(?<![.\d])\d{4,}(?![\d])/;

describe.concurrent('what a person sees', () => {
  it('one final loss: the same number, called the final loss, in the progress, the summary, the plot and --json', async () => {
    const directory = freshDirectory('one-final-loss');
    const path = join(directory, 'loss.svg');
    const [run, json] = await Promise.all([runCliAsync(['--plot', path]), runCliAsync(['--json'])]);
    expect(run.status).toBe(0);
    const finalLoss = JSON.parse(json.stdout).finalLoss as number;
    const shown = formatLoss(finalLoss);
    const lastProgress = run.stdout
      .split('\n')
      .filter((line) => /^iteration [\d, ]+\//.test(line))
      .at(-1);
    expect(lastProgress).toBe(`iteration 1,500/1,500  final loss ${shown}`);
    expect(run.stdout).toContain(`\nFinal loss ${shown}; `);
    const label = allElements(parseXml(readFileSync(path, 'utf8'))).find(
      (element) => element.attributes.class === 'final-loss',
    )!;
    expect(label.children.map((line) => line.text)).toEqual(['final loss', shown]);
  });

  it('"1 iteration", not "1 iterations", everywhere', async () => {
    const directory = freshDirectory('one-iteration');
    const path = join(directory, 'loss.svg');
    const run = await runCliAsync(['--iterations', '1', '--plot', path]);
    expect(run.status).toBe(0);
    const svg = readFileSync(path, 'utf8');
    for (const text of [run.stdout, svg]) expect(text).not.toMatch(/\b1 iterations\b/);
    expect(run.stdout).toContain('plain SGD, lr 1, 1 iteration, seed 1, float64');
    expect(run.stdout).toContain('over 1 iteration\n');
    expect(run.stdout).toMatch(/\nFinal loss [0-9.]+; it fell in its 1 iteration; /);
    expect(svg).toContain('1 iteration, seed 1');
  });

  it('numbers with thousands separators everywhere: progress, chart, summary, plot and help', async () => {
    const directory = freshDirectory('separators');
    const path = join(directory, 'loss.svg');
    const [run, help] = await Promise.all([
      runCliAsync(['--iterations', '12000', '--lr', '1000', '--plot', path]),
      runCliAsync(['--help']),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('lr 1,000, 12,000 iterations');
    expect(run.stdout).toContain('12,000/12,000');
    const texts = allElements(parseXml(readFileSync(path, 'utf8')))
      .filter((element) => element.name === 'text' || element.name === 'tspan')
      .map((element) => element.text);
    expect(texts).toContain('12,000');
    // The help's examples are command lines, typed as the flags read them: digits only.
    const helpProse = help.stdout
      .split('\n')
      .filter((line) => !/^ {2}(pnpm|node) /.test(line))
      .join('\n');
    for (const text of [run.stdout, ...texts, helpProse]) {
      expect(text).not.toMatch(unseparated);
      expect(text).not.toMatch(/\de\+/);
    }
    expect(help.stdout).toContain('1 to 1,000,000');
  });

  it('--help wins over every other flag, bad ones included', async () => {
    const cases = [
      ['--nope', '--help'],
      ['--iterations', '-5', '-h'],
      ['--plot', '--help'],
      ['--version', '-h'],
    ];
    const runs = await Promise.all(cases.map((args) => runCliAsync(args)));
    runs.forEach((run, index) => {
      expect(run.status, JSON.stringify(cases[index])).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: /);
    });
  });

  it('--version prints the version of the demo and of the packages it runs on', async () => {
    const run = await runCliAsync(['--version']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const own = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    const version = (name: string): string =>
      JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'packages', name, 'package.json'), 'utf8'))
        .version;
    expect(run.stdout).toBe(
      `chainrule-demo ${own} (@chainrule/tensor ${version('tensor')}, @chainrule/autograd ${version('autograd')}, ` +
        `@chainrule/nn ${version('nn')}; Node ${process.version})\n`,
    );
  });
});

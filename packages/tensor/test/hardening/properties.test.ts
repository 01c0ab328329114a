// Properties of @chainrule/tensor on operands in every memory layout (contiguous, permuted views, offset slices,
// stride-0 broadcasts, plain numbers), against references that read the generator's own copy of the values:
// broadcasting binary ops and `where`, reductions, and shape-op round trips. Every property also checks that no
// operand was written. Seeds are fixed so a failure reproduces; fast-check prints the counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DType,
  type Tensor,
  Rng,
  add,
  argmax,
  concat,
  div,
  equal,
  expandDims,
  flatten,
  greater,
  greaterEqual,
  less,
  lessEqual,
  logSumExp,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  notEqual,
  pad,
  permute,
  pow,
  reshape,
  slice,
  squeeze,
  stack,
  sub,
  sum,
  swapAxes,
  transpose,
  where,
} from '@chainrule/tensor';
import {
  type Layout,
  type Operand,
  allIndices,
  fingerprint,
  flatIndex,
  flatValues,
  layoutArbitrary,
  makeOperand,
  round,
  shapeArbitrary,
  size,
} from './views';

const RUNS = 300;
const dtypeArbitrary = fc.constantFrom<DType>('float32', 'float64');

type Binary = (a: Tensor | number, b: Tensor | number) => Tensor;
const nanMax = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y));
const nanMin = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y));
const binaryOps: [string, Binary, (x: number, y: number) => number][] = [
  ['add', add, (x, y) => x + y],
  ['sub', sub, (x, y) => x - y],
  ['mul', mul, (x, y) => x * y],
  ['div', div, (x, y) => x / y],
  ['pow', pow, (x, y) => x ** y],
  ['maximum', maximum, nanMax],
  ['minimum', minimum, nanMin],
  ['greater', greater, (x, y) => (x > y ? 1 : 0)],
  ['greaterEqual', greaterEqual, (x, y) => (x >= y ? 1 : 0)],
  ['less', less, (x, y) => (x < y ? 1 : 0)],
  ['lessEqual', lessEqual, (x, y) => (x <= y ? 1 : 0)],
  ['equal', equal, (x, y) => (x === y ? 1 : 0)],
  ['notEqual', notEqual, (x, y) => (x !== y ? 1 : 0)],
];

/** Per axis of the full shape, whether an operand keeps it (else size 1), and how many leading axes it drops. */
const operandPlan = (rank: number) =>
  fc.tuple(
    fc.array(fc.boolean(), { minLength: rank, maxLength: rank }),
    fc.integer({ min: 0, max: rank }),
    layoutArbitrary(rank),
  );

interface Built {
  operand: Operand;
  shape: number[];
}

function build(
  full: readonly number[],
  keep: readonly boolean[],
  drop: number,
  layout: [Layout, number[], boolean[], number],
  dtype: DType,
  mix: 'plain' | 'specials' | 'mask',
): Built {
  const shape = full.slice(drop).map((dim, axis) => (keep[axis + drop] ? dim : 1));
  const [kind, , squashed, seed] = layout;
  // The permutation was drawn for the full rank; keep the axes that survive the drop, renumbered.
  const order = layout[1].filter((axis) => axis >= drop).map((axis) => axis - drop);
  return { operand: makeOperand(shape, dtype, kind, seed, order, squashed.slice(drop), mix), shape };
}

/** The operand's value at output index `index` under NumPy broadcasting (missing axes on the left, size-1 axes repeat). */
function broadcastAt(built: Built, index: readonly number[]): number {
  const pad = index.length - built.shape.length;
  return built.operand.at(built.shape.map((dim, axis) => (dim === 1 ? 0 : index[axis + pad]!)));
}

function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const padA = [...new Array<number>(rank - a.length).fill(1), ...a];
  const padB = [...new Array<number>(rank - b.length).fill(1), ...b];
  return padA.map((dim, axis) => Math.max(dim, padB[axis]!));
}

describe('broadcasting element-wise ops equal a naive reference on every layout', () => {
  it(`13 binary ops x ${RUNS} runs: tensor-tensor, tensor-number and number-tensor, with NaN and infinities`, () => {
    const caseArbitrary = shapeArbitrary(4, 4).chain((full) =>
      fc.tuple(
        fc.constant(full),
        operandPlan(full.length),
        operandPlan(full.length),
        dtypeArbitrary,
        fc.constantFrom('both', 'number-left', 'number-right'),
        fc.double({ min: -4, max: 4, noNaN: true }),
      ),
    );
    fc.assert(
      fc.property(caseArbitrary, ([full, [keepA, dropA, layoutA], [keepB, dropB, layoutB], dtype, form, number]) => {
        const a = build(full, keepA, dropA, layoutA, dtype, 'specials');
        const b = build(full, keepB, dropB, layoutB, dtype, 'specials');
        const before = fingerprint(a.operand.tensor, b.operand.tensor);
        // A number operand becomes a 0-d tensor in the other operand's dtype, so it is rounded to that dtype first.
        const scalarSide: Built = {
          operand: { tensor: a.operand.tensor, layout: 'contiguous', at: () => round(number, dtype) },
          shape: [],
        };
        const left = form === 'number-left' ? scalarSide : a;
        const right = form === 'number-right' ? scalarSide : b;
        const shape = broadcastShape(left.shape, right.shape);
        const indices = allIndices(shape);
        for (const [name, op, reference] of binaryOps) {
          const out = op(
            form === 'number-left' ? number : a.operand.tensor,
            form === 'number-right' ? number : b.operand.tensor,
          );
          const expected = indices.map((index) =>
            round(reference(broadcastAt(left, index), broadcastAt(right, index)), dtype),
          );
          expect(out.shape, name).toEqual(shape);
          expect(out.dtype, name).toBe(dtype);
          // NOTE: maximum(0, -0) may give either zero (NumPy's does too), so those two compare zeros without sign.
          const unsigned =
            name === 'maximum' || name === 'minimum' ? (v: number): number => v + 0 : (v: number): number => v;
          expect(
            flatValues(out).map(unsigned),
            `${name} on ${a.operand.layout} ${JSON.stringify(a.shape)} and ${b.operand.layout} ${JSON.stringify(b.shape)}`,
          ).toEqual(expected.map(unsigned));
        }
        expect(fingerprint(a.operand.tensor, b.operand.tensor)).toEqual(before);
      }),
      { numRuns: RUNS, seed: 0x7e50 },
    );
  });

  it(`where(condition, a, b) x ${RUNS} runs: three operands broadcast together, NaN conditions count as true`, () => {
    const caseArbitrary = shapeArbitrary(3, 3).chain((full) =>
      fc.tuple(
        fc.constant(full),
        operandPlan(full.length),
        operandPlan(full.length),
        operandPlan(full.length),
        dtypeArbitrary,
        dtypeArbitrary,
      ),
    );
    fc.assert(
      fc.property(
        caseArbitrary,
        ([full, [keepC, dropC, layoutC], [keepA, dropA, layoutA], [keepB, dropB, layoutB], dtype, conditionDtype]) => {
          const c = build(full, keepC, dropC, layoutC, conditionDtype, 'mask');
          const a = build(full, keepA, dropA, layoutA, dtype, 'specials');
          const b = build(full, keepB, dropB, layoutB, dtype, 'specials');
          const before = fingerprint(c.operand.tensor, a.operand.tensor, b.operand.tensor);
          const out = where(c.operand.tensor, a.operand.tensor, b.operand.tensor);
          const shape = broadcastShape(broadcastShape(c.shape, a.shape), b.shape);
          expect(out.shape).toEqual(shape);
          expect(out.dtype).toBe(dtype);
          expect(flatValues(out)).toEqual(
            allIndices(shape).map((index) =>
              broadcastAt(c, index) !== 0 ? broadcastAt(a, index) : broadcastAt(b, index),
            ),
          );
          expect(fingerprint(c.operand.tensor, a.operand.tensor, b.operand.tensor)).toEqual(before);
        },
      ),
      { numRuns: RUNS, seed: 0x3e7e },
    );
  });
});

/** Groups the logical values of `x` (shape `shape`) by their index on the kept axes, in row-major order. */
function groups(x: Operand, shape: readonly number[], reduced: ReadonlySet<number>): number[][] {
  const keptShape = shape.filter((_, axis) => !reduced.has(axis));
  const out = Array.from({ length: size(keptShape) }, (): number[] => []);
  for (const index of allIndices(shape)) {
    const kept = index.filter((_, axis) => !reduced.has(axis));
    out[flatIndex(kept, keptShape)]!.push(x.at(index));
  }
  return out;
}

function naiveLogSumExp(values: number[]): number {
  if (values.some(Number.isNaN)) return Number.NaN;
  const top = Math.max(...values);
  if (!Number.isFinite(top)) return top;
  return top + Math.log(values.reduce((total, value) => total + Math.exp(value - top), 0));
}

const reducers: [
  string,
  (x: Tensor, axes: number[] | undefined, keepDims: boolean) => Tensor,
  (values: number[]) => number,
][] = [
  ['sum', sum, (values) => values.reduce((total, value) => total + value, 0)],
  ['mean', mean, (values) => values.reduce((total, value) => total + value, 0) / values.length],
  ['max', max, (values) => (values.some(Number.isNaN) ? Number.NaN : Math.max(...values))],
  ['min', min, (values) => (values.some(Number.isNaN) ? Number.NaN : Math.min(...values))],
  ['logSumExp', logSumExp, naiveLogSumExp],
];

/** Non-finite values must match exactly; finite ones within a relative tolerance (summation order may differ). */
function expectClose(actual: number[], expected: number[], tolerance: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i]!;
    if (!Number.isFinite(want)) expect(value, `${label} [${i}]`).toBe(want);
    else
      expect(Math.abs(value - want), `${label} [${i}]: ${value} vs ${want}`).toBeLessThanOrEqual(
        tolerance * (1 + Math.abs(want)),
      );
  });
}

describe('reductions equal a naive reference on every layout', () => {
  const caseArbitrary = shapeArbitrary(4, 4).chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      layoutArbitrary(shape.length),
      fc.option(
        fc
          .subarray(shape.map((_, axis) => axis))
          .chain((axes) => fc.shuffledSubarray(axes, { minLength: axes.length, maxLength: axes.length })),
        { freq: 5 },
      ),
      fc.boolean(),
      fc.boolean(),
      dtypeArbitrary,
      fc.boolean(),
    ),
  );

  it(`sum, mean, max, min, logSumExp x ${RUNS} runs: any axis set (shuffled, negative), keepDims, NaN and infinities`, () => {
    fc.assert(
      fc.property(
        caseArbitrary,
        ([shape, [layout, order, squashed, seed], axes, keepDims, negative, dtype, specials]) => {
          const x = makeOperand(shape, dtype, layout, seed, order, squashed, specials ? 'specials' : 'plain');
          const before = fingerprint(x.tensor);
          const given = axes === null ? undefined : negative ? axes.map((axis) => axis - shape.length) : axes;
          const reduced = new Set(axes ?? shape.map((_, axis) => axis));
          const outShape = shape.flatMap((dim, axis) => (!reduced.has(axis) ? [dim] : keepDims ? [1] : []));
          const grouped = groups(x, shape, reduced);
          for (const [name, reduce, reference] of reducers) {
            const out = reduce(x.tensor, given, keepDims);
            expect(out.shape, name).toEqual(outShape);
            expect(out.dtype, name).toBe(dtype);
            const expected = grouped.map((values) => round(reference(values), dtype));
            expectClose(
              flatValues(out),
              expected,
              dtype === 'float32' ? 2e-6 : 1e-12,
              `${name} of ${x.layout} ${JSON.stringify(shape)} over ${JSON.stringify(given)}`,
            );
          }
          expect(fingerprint(x.tensor)).toEqual(before);
        },
      ),
      { numRuns: RUNS, seed: 0x5e7d },
    );
  });

  it(`argmax x ${RUNS} runs: first index of the maximum (ties are common on broadcast views), flat index without an axis`, () => {
    fc.assert(
      fc.property(caseArbitrary, fc.nat(), ([shape, [layout, order, squashed, seed], , keepDims, , dtype], pick) => {
        fc.pre(shape.length > 0);
        const x = makeOperand(shape, dtype, layout, seed, order, squashed);
        const axis = pick % (shape.length + 1) === shape.length ? undefined : pick % shape.length;
        const reduced = new Set(axis === undefined ? shape.map((_, a) => a) : [axis]);
        const out = axis === undefined ? argmax(x.tensor) : argmax(x.tensor, axis, keepDims);
        const expected = groups(x, shape, reduced).map((values) => values.indexOf(Math.max(...values)));
        expect(flatValues(out)).toEqual(expected);
        expect(out.shape).toEqual(
          axis === undefined ? [] : shape.flatMap((dim, a) => (a !== axis ? [dim] : keepDims ? [1] : [])),
        );
      }),
      { numRuns: RUNS, seed: 0xa7a7 },
    );
  });
});

/** A random shape with exactly `count` elements and rank 0..4, from the prime factors of `count`. */
function factorShape(count: number, rng: Rng): number[] {
  const rank = count === 1 ? Math.floor(rng.nextFloat() * 4) : 1 + Math.floor(rng.nextFloat() * 4);
  if (count === 0)
    return Array.from({ length: rank }, (_, axis) => (axis === 0 ? 0 : 1 + Math.floor(rng.nextFloat() * 3)));
  const shape = new Array<number>(rank).fill(1);
  let rest = count;
  for (let factor = 2; rest > 1; factor++) {
    while (rest % factor === 0) {
      shape[Math.floor(rng.nextFloat() * rank)]! *= factor;
      rest /= factor;
    }
  }
  return shape;
}

function inverse(permutation: readonly number[]): number[] {
  const out = new Array<number>(permutation.length);
  permutation.forEach((axis, i) => (out[axis] = i));
  return out;
}

describe('shape ops round-trip on every layout', () => {
  it(`reshape, transpose, permute, swapAxes, expandDims/squeeze, pad/slice, concat, stack x ${RUNS} runs`, () => {
    const caseArbitrary = shapeArbitrary(4, 3, 0).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        layoutArbitrary(shape.length),
        fc.shuffledSubarray(
          shape.map((_, axis) => axis),
          { minLength: shape.length, maxLength: shape.length },
        ),
        dtypeArbitrary,
        fc.nat(),
      ),
    );
    fc.assert(
      fc.property(caseArbitrary, ([shape, [layout, order, squashed, seed], permutation, dtype, pick]) => {
        const x = makeOperand(shape, dtype, layout, seed, order, squashed);
        const before = fingerprint(x.tensor);
        const values = allIndices(shape).map((index) => x.at(index));
        const same = (t: Tensor, label: string): void => {
          expect(t.shape, label).toEqual(shape);
          expect(flatValues(t), label).toEqual(values);
        };
        const rng = new Rng(pick);

        // reshape to a random shape of the same size (and with -1), then back.
        const target = factorShape(x.tensor.size, rng);
        const reshaped = reshape(x.tensor, target);
        expect(reshaped.shape).toEqual(target);
        expect(flatValues(reshaped)).toEqual(values);
        same(reshape(reshaped, shape), 'reshape back');
        if (target.length > 0 && x.tensor.size > 0) {
          const hole = pick % target.length;
          expect(
            reshape(
              x.tensor,
              target.map((dim, axis) => (axis === hole ? -1 : dim)),
            ).shape,
          ).toEqual(target);
        }
        same(reshape(flatten(x.tensor), shape), 'flatten');

        // permute and its inverse; a permuted element sits where the permutation says.
        const permuted = permute(x.tensor, permutation);
        expect(permuted.shape).toEqual(permutation.map((axis) => shape[axis]));
        for (const index of allIndices(permuted.shape)) {
          const source = new Array<number>(shape.length);
          permutation.forEach((axis, i) => (source[axis] = index[i]!));
          expect(permuted.get(...index)).toBe(x.at(source));
        }
        same(permute(permuted, inverse(permutation)), 'permute back');
        same(transpose(transpose(x.tensor)), 'transpose twice');
        if (shape.length >= 2) {
          const i = pick % shape.length;
          const j = (pick >> 3) % shape.length;
          same(swapAxes(swapAxes(x.tensor, i, j), i, j), 'swapAxes twice');
        }

        // expandDims then squeeze of the same axis.
        const at = (pick % (shape.length + 1)) - (pick % 2 === 0 ? 0 : shape.length + 1);
        const expanded = expandDims(x.tensor, at);
        expect(expanded.rank).toBe(shape.length + 1);
        same(squeeze(expanded, at), 'expandDims/squeeze');

        // pad with a marker value, then slice the original back out.
        const padding = shape.map((_, axis): [number, number] => [(pick >> axis) % 2, (pick >> (axis + 1)) % 3]);
        const padded = pad(x.tensor, padding, 7.5);
        expect(padded.shape).toEqual(shape.map((dim, axis) => dim + padding[axis]![0] + padding[axis]![1]));
        same(
          slice(
            padded,
            padding.map(([before]) => before),
            padding.map(([before], axis) => before + shape[axis]!),
          ),
          'pad/slice',
        );
        const border = flatValues(padded).length - values.length;
        expect(flatValues(padded).filter((value) => value === 7.5).length).toBe(border);

        // concat with another operand along an axis, and stack them; slicing gives both back.
        if (shape.length > 0) {
          const axis = pick % shape.length;
          const other = makeOperand(shape, dtype, 'contiguous', seed + 1, order, squashed);
          const joined = concat([x.tensor, other.tensor], axis);
          const end = shape.slice();
          same(
            slice(
              joined,
              shape.map(() => 0),
              end,
            ),
            'concat first part',
          );
          expect(
            flatValues(
              slice(
                joined,
                shape.map((_, a) => (a === axis ? shape[axis]! : 0)),
              ),
            ),
          ).toEqual(allIndices(shape).map((index) => other.at(index)));
          const stacked = stack([other.tensor, x.tensor], axis);
          same(
            squeeze(
              slice(
                stacked,
                shape.map((_, a) => (a === axis ? 1 : 0)),
              ),
              axis,
            ),
            'stack second part',
          );
        }
        expect(fingerprint(x.tensor)).toEqual(before);
      }),
      { numRuns: RUNS, seed: 0x0ddba11 },
    );
  });
});

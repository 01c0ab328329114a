// Gradients of random programs against finite differences (float64): a program is a random chain of steps drawn
// from every differentiable op, applied to a random shape with a broadcast partner `y` and a square matrix `w`.
// First order through checkGrad (and the three APIs, grad / backward / gradients, agreeing with each other);
// second order both as checkGrad's Hessian-vector products on tensors and literally as grad(grad(f)) on scalars,
// compared with central differences of grad(f). Seeds are fixed so a failure reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Var,
  abs,
  add,
  broadcastTo,
  checkGrad,
  concat,
  constant,
  div,
  exp,
  expandDims,
  flatten,
  gradients,
  grad,
  log,
  logSumExp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  pad,
  permute,
  pow,
  reciprocal,
  relu,
  reshape,
  sigmoid,
  slice,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  sumTo,
  swapAxes,
  tanh,
  transpose,
  variable,
  where,
} from '@chainrule/autograd';
import { Rng, type Tensor, allClose, greater, scalar, zerosLike } from '@chainrule/tensor';

/** What a step may use besides the running value `h`: the other inputs, and a number to pick axes and masks. */
interface Context {
  readonly y: Var;
  readonly w: Var;
  readonly pick: number;
}
type Step = readonly [name: string, apply: (h: Var, context: Context) => Var];

const axisOf = (h: Var, pick: number): number => pick % h.rank;

/** Every step keeps `h`'s shape, so steps chain in any order; together they use every differentiable op. */
const steps: readonly Step[] = [
  ['tanh', (h) => tanh(h)],
  ['sigmoid', (h) => mul(sigmoid(h), 2)],
  ['exp', (h) => exp(mul(h, 0.5))],
  ['log', (h) => log(add(square(h), 1))],
  ['sqrt', (h) => sqrt(add(square(h), 0.5))],
  ['reciprocal', (h) => reciprocal(add(square(h), 1))],
  ['neg/abs', (h) => add(neg(h), mul(abs(h), 0.5))],
  ['leaky relu', (h) => add(relu(h), mul(h, 0.1))],
  ['mul y', (h, { y }) => mul(h, y)],
  ['add y', (h, { y }) => add(h, y)],
  ['sub y', (h, { y }) => sub(y, h)],
  ['div y', (h, { y }) => div(h, add(square(y), 1))],
  ['pow constant', (h) => pow(add(square(h), 1), 1.5)],
  ['pow y', (h, { y }) => pow(add(square(h), 1), tanh(y))],
  ['maximum y', (h, { y }) => maximum(h, y)],
  ['minimum y', (h, { y }) => minimum(mul(h, 0.5), y)],
  ['where', (h, { pick }) => where(greater(new Rng(pick).uniform(h.shape), 0.5), h, square(h))],
  ['matmul w', (h, { w }) => (h.rank >= 2 ? matmul(h, w) : mul(h, sum(w)))],
  ['sum axis', (h, { pick }) => (h.rank > 0 ? add(h, mul(sum(h, axisOf(h, pick), true), 0.3)) : mul(h, 1.5))],
  ['mean axis', (h, { pick }) => (h.rank > 0 ? sub(h, mean(h, axisOf(h, pick), true)) : h)],
  ['max axis', (h, { pick }) => (h.rank > 0 ? sub(h, mul(max(h, axisOf(h, pick), true), 0.5)) : h)],
  ['min all', (h) => add(h, mul(min(h), 0.25))],
  ['logSumExp axis', (h, { pick }) => (h.rank > 0 ? sub(h, logSumExp(h, axisOf(h, pick), true)) : h)],
  ['transpose', (h) => transpose(tanh(transpose(h)))],
  [
    'permute',
    (h, { pick }) => {
      const order = new Rng(pick).uniform([h.rank]).toArray() as number[];
      const permutation = order.map((_, axis) => axis).sort((a, b) => order[a]! - order[b]!);
      const inverse = permutation.map((_, axis) => permutation.indexOf(axis));
      return permute(mul(permute(h, permutation), 1.25), inverse);
    },
  ],
  [
    'swapAxes',
    (h, { pick }) =>
      h.rank >= 2 ? swapAxes(sigmoid(swapAxes(h, 0, axisOf(h, pick))), 0, axisOf(h, pick)) : sigmoid(h),
  ],
  ['reshape', (h) => reshape(mul(reshape(h, [-1]), 0.5), h.shape)],
  ['flatten', (h) => reshape(tanh(flatten(h)), h.shape)],
  ['slice/pad', (h) => (h.rank > 0 && h.shape[0]! > 1 ? add(h, pad(slice(h, [1]), [[1, 0]])) : h)],
  [
    'concat',
    (h, { pick }) => {
      if (h.rank === 0) return h;
      const axis = axisOf(h, pick);
      const joined = concat([h, tanh(h)], axis);
      const begin = h.shape.map((_, a) => (a === axis ? h.shape[axis]! : 0));
      return add(
        slice(
          joined,
          h.shape.map(() => 0),
          h.shape,
        ),
        mul(slice(joined, begin), 0.5),
      );
    },
  ],
  ['stack', (h) => sum(stack([h, sigmoid(h)], 0), 0)],
  ['expandDims/squeeze', (h, { pick }) => squeeze(mul(expandDims(h, pick % (h.rank + 1)), 0.75), pick % (h.rank + 1))],
  ['broadcastTo/sumTo', (h) => sumTo(mul(broadcastTo(h, [2, ...h.shape]), 0.5), h.shape)],
];

/** The program: inputs x (shape), y (broadcasts to shape), w ([n, n], n the last axis) and a list of steps. */
interface Program {
  shape: number[];
  yShape: number[];
  steps: number[];
  picks: number[];
  seed: number;
}

const programArbitrary = (maxSteps: number, maxRank: number): fc.Arbitrary<Program> =>
  fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: maxRank }).chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      yShape: fc
        .tuple(
          fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
          fc.integer({ min: 0, max: shape.length }),
        )
        .map(([squash, drop]) => shape.slice(drop).map((dim, axis) => (squash[axis + drop] ? 1 : dim))),
      steps: fc.array(fc.integer({ min: 0, max: steps.length - 1 }), { minLength: 1, maxLength: maxSteps }),
      picks: fc.array(fc.nat({ max: 1000 }), { minLength: maxSteps, maxLength: maxSteps }),
      seed: fc.nat({ max: 2 ** 30 }),
    }),
  );

function inputsOf(program: Program): Tensor[] {
  const rng = new Rng(program.seed);
  const n = program.shape.length > 0 ? program.shape[program.shape.length - 1]! : 1;
  return [
    rng.uniform(program.shape, -1, 1, { dtype: 'float64' }),
    rng.uniform(program.yShape, -1, 1, { dtype: 'float64' }),
    rng.uniform([n, n], -0.8, 0.8, { dtype: 'float64' }),
  ];
}

/** Names of the steps the properties ran, to prove every op was exercised. */
const used = new Set<string>();

function run(program: Program): (x: Var, y: Var, w: Var) => Var {
  return (x, y, w) => {
    let h = x;
    program.steps.forEach((index, k) => {
      used.add(steps[index]![0]);
      h = steps[index]![1](h, { y, w, pick: program.picks[k]! });
      expect(h.shape, steps[index]![0]).toEqual(program.shape);
    });
    return h;
  };
}

const describeProgram = (program: Program): string =>
  `${program.steps.map((index) => steps[index]![0]).join(' -> ')} on ${JSON.stringify(program.shape)}`;

describe('grad equals finite differences for random programs (float64)', () => {
  it('300 programs of 1-4 steps: checkGrad on x, y and w; grad, backward and gradients agree', () => {
    fc.assert(
      fc.property(programArbitrary(4, 3), (program) => {
        const f = run(program);
        const inputs = inputsOf(program);
        const report = checkGrad(f, inputs);
        expect(report.entries.length).toBe(3);

        // The same gradients three ways: grad (functional), backward (.grad on leaves), gradients (explicit).
        const loss = (x: Var, y: Var, w: Var): Var => sum(mul(f(x, y, w), f(x, y, w)));
        const functional = grad(loss, [0, 1, 2])(...inputs);
        const leaves = inputs.map((t) => variable(t));
        loss(leaves[0]!, leaves[1]!, leaves[2]!).backward();
        const fresh = inputs.map((t) => variable(t));
        const explicit = gradients(loss(fresh[0]!, fresh[1]!, fresh[2]!), fresh);
        functional.forEach((g, i) => {
          expect(g.shape, describeProgram(program)).toEqual(inputs[i]!.shape);
          // backward leaves .grad null on a leaf the loss does not depend on; grad and gradients give zeros there.
          const viaBackward = leaves[i]!.grad?.value ?? zerosLike(g);
          expect(allClose(g, viaBackward, { rtol: 1e-10, atol: 1e-12 })).toBe(true);
          expect(allClose(g, explicit[i]!.value, { rtol: 1e-10, atol: 1e-12 })).toBe(true);
        });
      }),
      { numRuns: 300, seed: 0x6a7d },
    );
  });
});

describe('second order equals finite differences of the first (float64)', () => {
  it('300 programs of 1-3 steps: Hessian-vector products of x, y and w through checkGrad order 2', () => {
    fc.assert(
      fc.property(programArbitrary(3, 2), (program) => {
        const report = checkGrad(run(program), inputsOf(program), { order: 2, rtol: 1e-4, atol: 1e-5 });
        expect(report.entries.filter((entry) => entry.order === 2).length).toBe(3);
      }),
      { numRuns: 300, seed: 0x2d2d },
    );
  });

  it('300 scalar programs: grad(grad(f))(x) equals (grad(f)(x + ε) − grad(f)(x − ε)) / 2ε', () => {
    const eps = 1e-5;
    // Points at least 0.05 from 0, where abs and relu have their kinks (finite differences straddle a kink).
    const pointArbitrary = fc
      .tuple(fc.double({ min: 0.05, max: 1.5, noNaN: true }), fc.boolean())
      .map(([magnitude, negative]) => (negative ? -magnitude : magnitude));
    fc.assert(
      fc.property(programArbitrary(4, 0), pointArbitrary, (program, at) => {
        const f = run(program);
        const y = constant(inputsOf(program)[1]!);
        const w = constant(inputsOf(program)[2]!);
        const scalarF = (x: Var): Var => sum(f(x, y, w));
        const first = grad(scalarF);
        const second = grad((x: Var) => sum(first(x)));
        const scalarAt = (value: number): Tensor => scalar(value, { dtype: 'float64' });
        const analytic = second(scalarAt(at)).item();
        const numeric = (first(scalarAt(at + eps)).item() - first(scalarAt(at - eps)).item()) / (2 * eps);
        expect(Number.isFinite(analytic), describeProgram(program)).toBe(true);
        expect(
          Math.abs(analytic - numeric),
          `${describeProgram(program)} at ${at}: ${analytic} vs ${numeric}`,
        ).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(numeric));
      }),
      { numRuns: 300, seed: 0x5ca1a },
    );
  });
});

describe('coverage of the random programs', () => {
  it('every step (so every differentiable op) ran in the properties above', () => {
    expect([...steps.map(([name]) => name)].filter((name) => !used.has(name))).toEqual([]);
  });
});

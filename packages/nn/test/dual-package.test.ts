import * as A from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import {
  Dense,
  Module,
  Parameter,
  SGD,
  SafetensorsError,
  Sequential,
  Sigmoid,
  StateDictError,
  sse,
} from '@chainrule/nn';

// The dual-package hazard: a program that `require`s a package (CommonJS build) and `import`s another one (whose ESM
// build imports the ESM build of the first) holds two copies of each class. These tests load the CommonJS builds
// next to the ESM ones the test imports, and pass objects from one to the other.
// The specifier is a variable so that type-checking needs no Node typings (the package itself never imports Node).
const moduleModule: string = 'node:module';
const { createRequire } = (await import(moduleModule)) as { createRequire: (from: string) => (id: string) => unknown };
const require = createRequire((import.meta as unknown as { url: string }).url);
const cjsTensor = require('@chainrule/tensor') as typeof T;
const cjsAutograd = require('@chainrule/autograd') as typeof A;
const cjsNn = require('@chainrule/nn') as typeof import('@chainrule/nn');

describe('ESM and CommonJS builds loaded together', () => {
  it('really are two copies of each class', () => {
    expect(cjsTensor.Tensor).not.toBe(T.Tensor);
    expect(cjsAutograd.Var).not.toBe(A.Var);
    expect(cjsNn.Parameter).not.toBe(Parameter);
  });

  it('instanceof accepts the other build’s tensors, Vars, Parameters, Modules and Rngs, both ways', () => {
    const cjs = cjsTensor.tensor([1, 2]);
    const esm = T.tensor([1, 2]);
    expect(cjs instanceof T.Tensor).toBe(true);
    expect(esm instanceof cjsTensor.Tensor).toBe(true);
    expect(new cjsTensor.Rng(1) instanceof T.Rng).toBe(true);
    expect(cjsAutograd.variable(cjs) instanceof A.Var).toBe(true);
    expect(A.variable(esm) instanceof cjsAutograd.Var).toBe(true);
    expect(new cjsNn.Parameter([1]) instanceof Parameter).toBe(true);
    expect(new cjsNn.Dense(2, 1, { rng: new cjsTensor.Rng(1) }) instanceof Module).toBe(true);
    expect(new Dense(2, 1, { rng: new T.Rng(1) }) instanceof cjsNn.Module).toBe(true);
  });

  it('keeps subclass tests exact: a Var is not a Parameter, a Module is not a Dense, other objects are nothing', () => {
    expect(A.variable(T.tensor([1])) instanceof Parameter).toBe(false);
    expect(cjsAutograd.variable(cjsTensor.tensor([1])) instanceof Parameter).toBe(false);
    expect(cjsAutograd.variable(cjsTensor.tensor([1])) instanceof cjsNn.Parameter).toBe(false);
    expect(new cjsNn.Sigmoid() instanceof Dense).toBe(false);
    expect(new cjsNn.Dense(2, 1, { rng: new cjsTensor.Rng(1) }) instanceof Dense).toBe(false); // another build's subclass: only the bases are branded
    expect(new Dense(2, 1, { rng: new T.Rng(1) }) instanceof Dense).toBe(true);
    expect(new Parameter([1]) instanceof A.Var).toBe(true);
    for (const value of [
      null,
      undefined,
      3,
      'tensor',
      {},
      [1, 2],
      new Float32Array(2),
      { data: new Float32Array(1), shape: [1] },
    ]) {
      expect(value instanceof T.Tensor).toBe(false);
      expect(value instanceof A.Var).toBe(false);
      expect(value instanceof Module).toBe(false);
    }
    expect(T.tensor([1]) instanceof A.Var).toBe(false);
    expect(A.variable(T.tensor([1])) instanceof T.Tensor).toBe(false);
  });

  it('instanceof accepts the other build’s errors, class by class, both ways', () => {
    const thrown = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error('expected a throw');
    };
    const cjsShape = thrown(() => cjsTensor.matmul(cjsTensor.zeros([2, 3]), cjsTensor.zeros([2, 3])));
    const esmShape = thrown(() => T.matmul(T.zeros([2, 3]), T.zeros([2, 3])));
    const cjsDType = thrown(() => cjsTensor.add(cjsTensor.zeros([1]), cjsTensor.zeros([1], { dtype: 'float64' })));
    const cjsValue = thrown(() => new cjsTensor.Rng(Number.NaN));
    const cjsGraph = thrown(() => cjsAutograd.mul(cjsAutograd.variable(cjsTensor.zeros([2])), 2).backward()); // not a scalar, no seed
    const cjsGradCheck = thrown(() =>
      cjsAutograd.checkGrad(
        (x) =>
          cjsAutograd.defineOp({ name: 'wrong', forward: ([t]) => t!, backward: (g) => [cjsAutograd.mul(g, 2)] })(x),
        [cjsTensor.tensor([1], { dtype: 'float64' })],
      ),
    );
    const cjsStateDict = thrown(() => new cjsNn.Dense(2, 1, { rng: new cjsTensor.Rng(1) }).loadStateDict({}));
    const cjsSafetensors = thrown(() => cjsNn.loadSafetensors(new Uint8Array(3)));

    const names = [cjsShape, esmShape, cjsDType, cjsValue, cjsGraph, cjsGradCheck, cjsStateDict, cjsSafetensors].map(
      (e) => (e as Error).name,
    );
    expect(names).toEqual([
      'ShapeError',
      'ShapeError',
      'DTypeError',
      'ValueError',
      'GraphError',
      'GradCheckError',
      'StateDictError',
      'SafetensorsError',
    ]);
    expect(cjsShape instanceof T.ShapeError).toBe(true);
    expect(esmShape instanceof cjsTensor.ShapeError).toBe(true);
    expect(cjsDType instanceof T.DTypeError).toBe(true);
    expect(cjsValue instanceof T.ValueError).toBe(true);
    expect(cjsGraph instanceof A.GraphError).toBe(true);
    expect(cjsGradCheck instanceof A.GradCheckError).toBe(true);
    expect(cjsStateDict instanceof StateDictError).toBe(true);
    expect(cjsSafetensors instanceof SafetensorsError).toBe(true);
    // Every one is a ChainruleError (and an Error) of either build.
    for (const error of [cjsShape, cjsDType, cjsValue, cjsGraph, cjsGradCheck, cjsStateDict, cjsSafetensors]) {
      expect(error instanceof T.ChainruleError).toBe(true);
      expect(error instanceof cjsTensor.ChainruleError).toBe(true);
      expect(error instanceof Error).toBe(true);
    }
    expect(esmShape instanceof cjsTensor.ChainruleError).toBe(true);
  });

  it('keeps error classes apart: one kind is not another, and look-alikes are not errors of chainrule', () => {
    const cjsShape = new cjsTensor.ShapeError('op: bad shape');
    expect(cjsShape instanceof T.DTypeError).toBe(false);
    expect(cjsShape instanceof T.ValueError).toBe(false);
    expect(cjsShape instanceof A.GraphError).toBe(false);
    expect(new cjsAutograd.GraphError('backward: released') instanceof T.ShapeError).toBe(false);
    expect(new cjsTensor.ChainruleError('base') instanceof T.ShapeError).toBe(false);
    const lookAlike = Object.assign(new Error('matmul: inner dimensions differ'), { name: 'ShapeError' });
    for (const value of [lookAlike, new RangeError('x'), null, undefined, 'ShapeError', {}, { name: 'ShapeError' }]) {
      expect(value instanceof T.ShapeError).toBe(false);
      expect(value instanceof T.ChainruleError).toBe(false);
      expect(value instanceof cjsTensor.ChainruleError).toBe(false);
    }
  });

  it('differentiates CommonJS tensors with the ESM build of autograd', () => {
    const x = A.variable(
      cjsTensor.tensor(
        [
          [1, 2],
          [3, -4],
        ],
        { dtype: 'float64' },
      ),
    );
    const w = A.constant(cjsTensor.tensor([[0.5], [-1]], { dtype: 'float64' }));
    // L = Σ (x·w)², so ∂L/∂x = 2·(x·w)·wᵀ; x·w = [[-1.5], [5.5]].
    const loss = A.sum(A.square(A.matmul(x, w)));
    loss.backward();
    expect(loss.item()).toBe(2.25 + 30.25);
    expect(x.grad!.toArray()).toEqual([
      [-1.5, 3],
      [5.5, -11],
    ]);
  });

  it('runs an ESM Dense, sse and SGD on CommonJS inputs, CommonJS Rng and CommonJS leaf Vars', () => {
    const make = (tensorBuild: typeof T, seed: number) =>
      new Sequential(new Dense(3, 2, { rng: new tensorBuild.Rng(seed), dtype: 'float64' }), new Sigmoid());
    const mixed = make(cjsTensor, 5);
    const reference = make(T, 5);
    const x = [
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
    ];
    const y = [
      [0, 1],
      [1, 0],
      [1, 1],
    ];
    const mixedInputs = cjsAutograd.constant(cjsTensor.tensor(x, { dtype: 'float64' }));
    const mixedTargets = cjsTensor.tensor(y, { dtype: 'float64' });
    const inputs = A.constant(T.tensor(x, { dtype: 'float64' }));
    const targets = T.tensor(y, { dtype: 'float64' });
    const mixedStep = new SGD(mixed.parameters(), { lr: 0.5 });
    const step = new SGD(reference.parameters(), { lr: 0.5 });
    for (let i = 0; i < 3; i++) {
      mixedStep.zeroGrad();
      step.zeroGrad();
      sse(mixed.forward(mixedInputs), mixedTargets).backward();
      sse(reference.forward(inputs), targets).backward();
      mixedStep.step();
      step.step();
    }
    const weights = mixed.parameters().map((p) => p.value.toArray());
    expect(weights).toEqual(reference.parameters().map((p) => p.value.toArray()));
    expect(weights).not.toEqual(
      make(T, 5)
        .parameters()
        .map((p) => p.value.toArray()),
    ); // training moved them
  });

  it('walks a graph mixing both builds’ ops, with noGrad of either build stopping both', () => {
    const x = A.variable(T.tensor([0.5, -2], { dtype: 'float64' }));
    // y = Σ x³ built from an ESM mul and a CommonJS mul: ∂y/∂x = 3x².
    const y = A.sum(cjsAutograd.mul(A.mul(x, x), x));
    y.backward(undefined, { retainGraph: true });
    expect(x.grad!.toArray()).toEqual([0.75, 12]);
    // A second walk of the same nodes, now by the CommonJS build: the marks the ESM walk left must not confuse it.
    x.zeroGrad();
    const [dx] = cjsAutograd.gradients(y, [x]);
    expect(dx!.toArray()).toEqual([0.75, 12]);
    const inside = cjsAutograd.noGrad(() => A.mul(x, x));
    expect(inside.requiresGrad).toBe(false);
  });
});

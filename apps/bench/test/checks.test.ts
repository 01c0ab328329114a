import { describe, expect, it } from 'vitest';
import { coldProcessCase } from '../src/benchmarks/cold-process/index';
import { checkChain, expectedChain } from '../src/benchmarks/long-chain/chain';
import { runLongChain } from '../src/benchmarks/long-chain/index';
import { buildMicrogradChain } from '../src/benchmarks/long-chain/micrograd-chain';
import { COPIES_ALONE } from '../src/benchmarks/matmul/copies';
import { matmulCases } from '../src/benchmarks/matmul/index';
import { matmulProblem } from '../src/benchmarks/matmul/problem';
import { mlpStepCase } from '../src/benchmarks/mlp-step/index';
import { mlpProblem } from '../src/benchmarks/mlp-step/problem';
import { perOpCase } from '../src/benchmarks/per-op/index';
import { referenceNetworkCase } from '../src/benchmarks/reference-network/index';
import { trainFused } from '../src/benchmarks/reference-network/fused';
import { referenceProblem } from '../src/benchmarks/reference-network/problem';
import { chainruleSuite } from '../src/chainrule/index';
import { buildChainruleChain } from '../src/chainrule/long-chain';
import type { BenchCase } from '../src/harness/types';
import { initTfjs } from '../src/peers/tfjs';

await initTfjs();

/** Runs every implementation of a case once (untimed) and returns each one's check outcome and result. */
async function checkEach(benchCase: BenchCase) {
  const outcomes = new Map<string, { ok: boolean; detail: string; result: ArrayLike<number> }>();
  for (const implementation of benchCase.implementations) {
    const job = await implementation.prepare();
    job.run();
    const result = Array.from(job.result());
    job.dispose?.();
    outcomes.set(implementation.name, { ...benchCase.check(result, implementation), result });
  }
  return outcomes;
}

function expectAllPass(outcomes: Map<string, { ok: boolean; detail: string }>, names: string[]) {
  expect([...outcomes.keys()].sort()).toEqual([...names].sort());
  for (const [name, outcome] of outcomes) expect({ name, ...outcome }).toMatchObject({ name, ok: true });
}

describe('reference network', () => {
  const benchCase = referenceNetworkCase(300, chainruleSuite.referenceNetwork);

  it('trains: the fused baseline moves the predictions toward 0 1 1 0', () => {
    const problem = referenceProblem(1500);
    const targets = [0, 1, 1, 0];
    const predictions = Array.from(trainFused(problem));
    predictions.forEach((prediction, index) => expect(Math.abs(prediction - targets[index]!)).toBeLessThan(0.1));
  });

  it('every implementation matches the fused baseline', async () => {
    expectAllPass(await checkEach(benchCase), [
      'chainrule',
      'chainrule, Sigmoid modules',
      'chainrule, compiled',
      'plain JS fused',
      'micrograd-style scalar',
      'TF.js cpu',
      'TF.js wasm',
      'jax-js wasm',
      'jax-js wasm, jit',
    ]);
  }, 60_000);

  it('rejects predictions that are off by 1e-3', () => {
    const reference = trainFused(referenceProblem(300));
    const chainrule = benchCase.implementations[0]!;
    expect(
      benchCase.check(
        reference.map((value) => value + 1e-3),
        chainrule,
      ).ok,
    ).toBe(false);
    expect(benchCase.check(reference, chainrule).ok).toBe(true);
  });
});

describe('per-op', () => {
  it('every implementation returns exactly a + count·b', async () => {
    const benchCase = perOpCase(500, chainruleSuite.perOp);
    expectAllPass(await checkEach(benchCase), [
      'chainrule tensor op',
      'chainrule autograd op (recorded)',
      'plain JS',
      'TF.js cpu',
      'TF.js wasm',
    ]);
  });

  it('rejects a result one add short', async () => {
    const short = perOpCase(499);
    const full = perOpCase(500);
    const job = await short.implementations[0]!.prepare();
    job.run();
    expect(full.check(job.result(), full.implementations[0]!).ok).toBe(false);
  });
});

describe('matmul', () => {
  // 37 is not a multiple of the 4×4 tile: the edge paths run too.
  const cases = matmulCases([37, 64], chainruleSuite.matmul);
  const jax = ['jax-js wasm', 'jax-js wasm, jit'];
  const expected: Record<string, string[]> = {
    'matmul-37': ['chainrule', 'chainrule, JS kernels', 'plain JS 4×4 tiled', 'TF.js cpu', 'TF.js wasm', ...jax],
    'matmul-64': ['chainrule', 'chainrule, JS kernels', 'plain JS 4×4 tiled', 'TF.js cpu', 'TF.js wasm', ...jax],
    'matmul-float64-64': ['chainrule', 'chainrule, JS kernels', ...jax],
    'matmul-copies-64': ['chainrule', COPIES_ALONE],
  };

  it('has a float32 case per size, float64 and copies at the largest', () => {
    expect(cases.map((benchCase) => benchCase.id)).toEqual(Object.keys(expected));
  });

  it.each(cases.map((benchCase) => [benchCase.id, benchCase] as const))(
    '%s: every implementation matches float64 dot products (the copies: A read back exactly)',
    async (id, benchCase) => {
      expectAllPass(await checkEach(benchCase), expected[id]!);
    },
  );

  it('rejects copies that did not round-trip A', () => {
    const copies = cases[3]!;
    const problem = matmulProblem(64);
    const copiesAlone = copies.implementations.find((implementation) => implementation.name === COPIES_ALONE)!;
    expect(copies.check(problem.a, copiesAlone).ok).toBe(true);
    expect(copies.check(problem.b, copiesAlone).ok).toBe(false);
  });

  it('rejects a product with one wrong entry', async () => {
    const benchCase = cases[1]!;
    const outcomes = await checkEach(benchCase);
    const corrupted = Array.from(outcomes.get('plain JS 4×4 tiled')!.result).map((value) => value + 0.01);
    expect(benchCase.check(corrupted, benchCase.implementations[0]!).ok).toBe(false);
  });
});

describe('MLP step', () => {
  const benchCase = mlpStepCase(mlpProblem(16, 40, 24, 10), chainruleSuite.mlpStep);

  it('every implementation gives the same loss and updated parameters', async () => {
    expectAllPass(await checkEach(benchCase), [
      'chainrule',
      'chainrule, compiled',
      'plain JS i-k-j',
      'TF.js cpu',
      'TF.js wasm',
      'jax-js wasm',
      'jax-js wasm, jit',
    ]);
  });

  it('rejects parameters from a step with twice the learning rate', async () => {
    const problem = mlpProblem(16, 40, 24, 10);
    const doubled = mlpStepCase({ ...problem, learningRate: problem.learningRate * 2 });
    const job = await doubled.implementations[0]!.prepare();
    job.run();
    expect(benchCase.check(job.result(), benchCase.implementations[0]!).ok).toBe(false);
  });
});

describe('cold process', () => {
  it('every script prints predictions that match the fused baseline', async () => {
    const benchCase = coldProcessCase(50, true);
    expectAllPass(await checkEach(benchCase), ['chainrule', 'plain JS fused', 'TF.js cpu', 'TF.js wasm']);
  });
});

describe('long chain', () => {
  it('chainrule gets the value and gradient of a 20,000-op chain right', () => {
    const { input, output } = buildChainruleChain(20_000);
    output.backward();
    const expected = expectedChain(20_000);
    expect(expected.gradient).toBeGreaterThan(1.01);
    const outcome = checkChain({
      implementation: 'chainrule',
      length: 20_000,
      buildMilliseconds: 0,
      value: output.item(),
      gradient: input.grad!.item(),
      heapAfterBuildMegabytes: 0,
      peakRssMegabytes: 0,
    });
    expect(outcome).toMatchObject({ ok: true });
  });

  it("micrograd's recursive sort overflows the stack on a 200,000-op chain", () => {
    const { output } = buildMicrogradChain(200_000);
    expect(() => output.backward()).toThrow(RangeError);
  });

  it('the child processes report a completed chainrule run and a micrograd stack overflow', () => {
    const report = runLongChain(20_000, 512, () => {});
    const [chainrule, micrograd] = report.rows;
    expect(chainrule).toMatchObject({ implementation: 'chainrule', status: 'ok' });
    expect(micrograd).toMatchObject({ status: 'failed', error: expect.stringContaining('RangeError') });
    expect(micrograd!.longestWorkingLength).toBeLessThan(20_000);
    expect(report.target.met).toBe(true);
  });
});

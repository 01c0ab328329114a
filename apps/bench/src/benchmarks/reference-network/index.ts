import { compareWithin } from '../../harness/compare';
import type { BenchCase, Implementation } from '../../harness/types';
import { ratioTarget } from '../targets';
import { trainFused } from './fused';
import { trainMicrograd } from './micrograd';
import { jaxReferenceNetwork } from './jax';
import { referenceProblem, type ReferenceProblem } from './problem';
import { tfjsReferenceNetwork } from './tfjs';

/** Tolerance on predictions for float64 implementations (same arithmetic up to summation order). */
export const FLOAT64_TOLERANCE = 1e-9;
/** Tolerance on predictions for TF.js, which trains in float32, and jax-js, whose float64 `exp` is float32-accurate. */
export const FLOAT32_TOLERANCE = 1e-4;

/** Name of the plain-JS implementation every other one is compared with. */
export const FUSED_NAME = 'plain JS fused';
/** Name of the chainrule implementation the target applies to (the activation inside each Dense layer). */
export const CHAINRULE_REFERENCE = 'chainrule';
/** Name of the chainrule implementation with separate Sigmoid modules (reported, no target). */
export const CHAINRULE_REFERENCE_MODULES = 'chainrule, Sigmoid modules';
/** Name of the chainrule implementation whose step is `compile`d (traced once, then replayed). */
export const CHAINRULE_REFERENCE_COMPILED = 'chainrule, compiled';

/** Builds the chainrule implementations of a problem (supplied by the chainrule suite once built). */
export type ReferenceNetworkImplementation = (problem: ReferenceProblem) => Implementation[];

/** A plain function as an implementation (it has no state to prepare). */
function plainImplementation(
  name: string,
  kind: Implementation['kind'],
  train: () => ArrayLike<number>,
): Implementation {
  return {
    name,
    kind,
    prepare: () => {
      let predictions: ArrayLike<number> = [];
      return {
        run: () => {
          predictions = train();
        },
        result: () => predictions,
      };
    },
  };
}

/**
 * The reference network trained for `iterations` steps from the same weights by every implementation;
 * predictions must agree with the fused plain-JS baseline (float32 tolerance for TF.js).
 */
export function referenceNetworkCase(iterations: number, chainrule?: ReferenceNetworkImplementation): BenchCase {
  const problem = referenceProblem(iterations);
  let reference: Float64Array | undefined;
  const float32 = new Set(['TF.js cpu', 'TF.js wasm', 'jax-js wasm', 'jax-js wasm, jit']);
  return {
    benchmark: 'reference-network',
    id: 'reference-network',
    title: `Reference network: ${iterations} training iterations (warm, float64)`,
    description:
      `Dense(3→4) → sigmoid → Dense(4→1) → sigmoid on the 4-sample XOR-like set, loss Σ(y − ŷ)², SGD with lr 1, ` +
      `${iterations} iterations from the same initial weights; one run trains from scratch (time per run). ` +
      `chainrule: Dense layers with activation 'sigmoid'; 'Sigmoid modules': Dense then a Sigmoid module (the same ops); ` +
      `'compiled': the same step through compile(), run eagerly at its first call, traced at its second and replayed after (both are in the run). ` +
      'jax-js (float64; its `exp` is float32-accurate, so it is checked at the float32 tolerance): `valueAndGrad` per ' +
      'step, eagerly (3 rounds: ~20 s per run) or inside `jit`.',
    metric: { unit: 'ms', fromMilliseconds: (milliseconds) => milliseconds, digits: 2 },
    implementations: [
      ...(chainrule ? chainrule(problem) : []),
      plainImplementation(FUSED_NAME, 'baseline', () => trainFused(problem)),
      plainImplementation('micrograd-style scalar', 'baseline', () => trainMicrograd(problem)),
      tfjsReferenceNetwork('cpu', problem),
      tfjsReferenceNetwork('wasm', problem),
      jaxReferenceNetwork(problem, false),
      jaxReferenceNetwork(problem, true),
    ],
    check: (predictions, implementation) => {
      reference ??= trainFused(problem);
      return compareWithin(
        predictions,
        reference,
        float32.has(implementation.name) ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE,
      );
    },
    targets: chainrule
      ? [
          ratioTarget(CHAINRULE_REFERENCE, FUSED_NAME, 3, 'fused plain JS'),
          ratioTarget(CHAINRULE_REFERENCE_COMPILED, FUSED_NAME, 1.5, 'fused plain JS'),
        ]
      : [],
    // 9 s rather than 6 since jax-js's jit row (~0.25 s per run) joined: about as many rounds as before it.
    budgetMilliseconds: 9000,
    warmupRuns: 3,
  };
}

import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { describe } from '../describe';
import { GraphError } from '../errors';
import { setRecording } from './recording';
import { topologicalOrder } from './topological-order';
import {
  type BackwardOptions,
  Var,
  accumulate,
  isVar,
  makeSeed,
  ownGradient,
  readBackwardOptions,
  release,
} from './var';
import { walk } from './walk';

/** Options of `gradients`. */
export interface GradientsOptions extends BackwardOptions {
  /** ∂L/∂output, same shape and dtype as the output; required when the output is not a scalar. */
  seed?: Tensor | Var;
}

/**
 * The gradients of `output` with respect to each of `inputs` (like `torch.autograd.grad`): returns ∂L/∂input,
 * L = Σ seed ⊙ output, as `Var`s in the order of `inputs`; an input that `output` does not depend on gets zeros.
 * Leaves' `.grad` are not touched. Only the part of the graph between `output` and `inputs` is walked, and it is
 * released afterwards unless `retainGraph` (or `createGraph`) is set. With `createGraph` the returned gradients are
 * themselves differentiable.
 */
export function gradients(output: Var, inputs: readonly Var[], options?: GradientsOptions): Var[] {
  if (!isVar(output)) throw new GraphError(`gradients: output must be a Var; got ${describe(output)}`);
  if (!Array.isArray(inputs)) {
    throw new GraphError(`gradients: inputs must be an array of Vars; got ${describe(inputs)}`);
  }
  inputs.forEach((input: unknown, index) => {
    if (!isVar(input)) throw new GraphError(`gradients: input ${index} must be a Var; got ${describe(input)}`);
    if (!input.requiresGrad) {
      throw new GraphError(
        `gradients: input ${index} (shape ${T.formatShape(input.shape)}) does not require grad; expected a variable or a Var computed from one`,
      );
    }
  });
  const { createGraph, retainGraph } = readBackwardOptions('gradients', options);
  const givenSeed = options?.seed;
  const seed = makeSeed(output, givenSeed, 'gradients');
  if (!output.requiresGrad) return inputs.map((input) => new Var(T.zerosLike(input.value)));

  const order = topologicalOrder(output);
  const targets = new Set<Var>(inputs);
  // Post-order lists parents before children, so one pass finds the nodes from which a target can be reached.
  const onPath = new Set<Var>(targets);
  for (const node of order) {
    if (node.parents.some((parent) => onPath.has(parent))) onPath.add(node);
  }
  const found = new Map<Var, Var>();
  const previous = setRecording(createGraph);
  let results: Var[];
  let walked: Var[];
  try {
    const leaves: Var[] = [];
    walked = walk(
      output,
      seed,
      {
        accumulate,
        include: onPath,
        visit: (node, grad) => {
          if (targets.has(node)) found.set(node, grad);
        },
      },
      leaves,
    );
    for (let i = 0; i < leaves.length; i += 2) if (targets.has(leaves[i]!)) found.set(leaves[i]!, leaves[i + 1]!);
    const handedOut: unknown[] = [];
    if (givenSeed !== undefined) handedOut.push(createGraph ? seed : seed.value.storage);
    results = inputs.map((input) => {
      const grad = found.get(input);
      return grad === undefined ? new Var(T.zerosLike(input.value)) : ownGradient(grad, handedOut);
    });
  } finally {
    setRecording(previous);
  }
  if (!retainGraph) release(walked);
  return results;
}

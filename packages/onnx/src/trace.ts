import { Var, isVar } from '@chainrule/autograd';
import { Module } from '@chainrule/nn';
import type { Tensor } from '@chainrule/tensor';
import { OnnxExportError } from './errors';
import { describe } from './graph-builder';

/** What `exportOnnx` exports: a `Module` (its `forward`), or a function of the inputs returning one or more `Var`s. */
export type OnnxModel = Module | ((...inputs: Var[]) => Var | readonly Var[]);

/** Internal: one forward pass, recorded. */
export interface Trace {
  /** One graph node per example input, in order. */
  readonly inputs: readonly Var[];
  /** What the forward pass returned, in order. */
  readonly outputs: readonly Var[];
  /** Every node the outputs depend on, each after its parents. */
  readonly order: readonly Var[];
}

/**
 * Internal: runs `model` on `examples` with recording on and returns the recorded graph. The float inputs become
 * leaves that require grad, so that every op depending on them is recorded, constants included. An int32 input
 * (indices, labels) cannot require grad: it is a leaf that recorded ops read (`take(weight, indices)` is recorded
 * because `weight` requires grad), and an op on int32 values alone is not recorded (its result is a constant).
 */
export function traceForward(model: OnnxModel, examples: readonly Tensor[]): Trace {
  const inputs = examples.map((example) => new Var(example, example.dtype !== 'int32'));
  const result: unknown = model instanceof Module ? model.forward(...inputs) : model(...inputs);
  const outputs: unknown[] = Array.isArray(result) ? [...result] : [result];
  outputs.forEach((output, i) => {
    if (!isVar(output)) {
      throw new OnnxExportError(
        `exportOnnx: the model returned ${Array.isArray(result) ? `at index ${i} ` : ''}${describeOutput(output)}; expected a Var or an array of Vars`,
      );
    }
  });
  if (outputs.length === 0) throw new OnnxExportError('exportOnnx: the model returned no output; expected a Var');
  const order = topologicalOrder(outputs as Var[]);
  // Inside noGrad ops record nothing, and every result is a leaf: an output that is neither an input nor connected to
  // one would be exported as a constant.
  if (order.every((node) => node.parents.length === 0) && !outputs.some((output) => inputs.includes(output as Var))) {
    throw new OnnxExportError(
      'exportOnnx: no op was recorded between the inputs and the outputs: the forward pass ran without recording (inside noGrad?) or its outputs do not depend on its inputs; call exportOnnx outside noGrad',
    );
  }
  return { inputs, outputs: outputs as Var[], order };
}

/** Every node reachable from `outputs` through `parents`, each after its parents (iterative: deep graphs are fine). */
function topologicalOrder(outputs: readonly Var[]): Var[] {
  const order: Var[] = [];
  const seen = new Set<Var>();
  const stack: [Var, boolean][] = outputs.map((output): [Var, boolean] => [output, false]).reverse();
  while (stack.length > 0) {
    const [node, parentsDone] = stack.pop()!;
    if (parentsDone) {
      order.push(node);
      continue;
    }
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push([node, true]);
    for (let i = node.parents.length - 1; i >= 0; i--) {
      const parent = node.parents[i]!;
      if (!seen.has(parent)) stack.push([parent, false]);
    }
  }
  return order;
}

function describeOutput(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'dtype' in value && 'shape' in value) {
    return 'a Tensor (a value computed outside the graph)';
  }
  return describe(value);
}

import { GraphError } from './errors';
import { type Var, describe, isVar } from './var';

/**
 * The attributes the op that made `node` was called with, as the op recorded them: `{ axis, keepDims }` for `sum`,
 * `{ shape }` for `reshape`, the `Attrs` object of a `defineOp<Args, Attrs>` op. `undefined` for leaves, for ops without
 * attributes, and once `backward()` has released the node (read them before, or pass `{ retainGraph: true }`).
 * Read-only: for tools that walk a recorded graph, such as the ONNX exporter of @chainrule/onnx; writing into the
 * result would change what the op's backward reads.
 *
 * @throws GraphError when `node` is not a Var.
 */
export function opAttributes(node: Var): unknown {
  if (!isVar(node)) throw new GraphError(`opAttributes: expected a Var; got ${describe(node)}`);
  return node.attrs;
}

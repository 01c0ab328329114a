import type { OnnxInput, OnnxLowering, OnnxLoweringContext, OnnxValue } from '../lowering';

/** What chainrule's matmul records: whether each operand enters with its last two axes swapped. */
interface MatmulFlags {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** `x` with its last two axes swapped. */
function swapLastAxes(node: OnnxLoweringContext<unknown>, x: OnnxInput): OnnxValue {
  const perm = [...x.shape.keys()];
  perm.push(...perm.splice(-2).reverse());
  return node.node('Transpose', [x], { perm: { ints: perm } });
}

/**
 * `matmul(a, b, { transposeA, transposeB })`: MatMul (NumPy semantics, batch axes broadcast); with a transposed operand,
 * Gemm's transA/transB for matrices, a Transpose before MatMul for batches.
 */
export const matmul: OnnxLowering<MatmulFlags> = (node) => {
  const [a, b] = node.inputs as readonly [OnnxInput, OnnxInput];
  const { transposeA = false, transposeB = false } = node.attrs ?? {};
  if (!transposeA && !transposeB) return node.node('MatMul', [a, b]);
  if (a.shape.length === 2 && b.shape.length === 2) {
    return node.node('Gemm', [a, b], { transA: { int: transposeA ? 1 : 0 }, transB: { int: transposeB ? 1 : 0 } });
  }
  return node.node('MatMul', [transposeA ? swapLastAxes(node, a) : a, transposeB ? swapLastAxes(node, b) : b]);
};

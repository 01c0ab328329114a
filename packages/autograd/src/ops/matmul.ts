import * as T from '@chainrule/tensor';
import type { MatmulOptions, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { unbroadcast } from './broadcast-to';

/** The transpose flags of one product, both present (one shared object per combination). */
type Flags = Readonly<Required<MatmulOptions>>;

const flagSets: readonly Flags[] = [
  { transposeA: false, transposeB: false },
  { transposeA: false, transposeB: true },
  { transposeA: true, transposeB: false },
  { transposeA: true, transposeB: true },
].map((flags) => Object.freeze(flags));

function flagsOf(transposeA: boolean, transposeB: boolean): Flags {
  return flagSets[(transposeA ? 2 : 0) + (transposeB ? 1 : 0)]!;
}

const matmulOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], Flags>({
  name: 'matmul',
  forward: ([a, b], flags) => T.matmul(a, b, flags),
  // out = A·B with A = a or aᵀ, B = b or bᵀ: ∂L/∂A = ∂L/∂out·Bᵀ, ∂L/∂B = Aᵀ·∂L/∂out, each transposed back to its
  // operand's layout and written as one product with transpose flags; broadcast batch axes summed back.
  backward: (grad, [a, b], _out, { transposeA, transposeB }) => [
    a.requiresGrad
      ? unbroadcast(transposeA ? product(b, grad, transposeB, true) : product(grad, b, false, !transposeB), a.shape)
      : null,
    b.requiresGrad
      ? unbroadcast(transposeB ? product(grad, a, true, transposeA) : product(a, grad, !transposeA, false), b.shape)
      : null,
  ],
});

function product(a: Var, b: Var, transposeA: boolean, transposeB: boolean): Var {
  return matmulOp([a, b], flagsOf(transposeA, transposeB));
}

/**
 * Matrix product (rank >= 2, batch axes broadcast): `out[..., i, j] = Σ_p a[..., i, p] · b[..., p, j]`.
 * `{ transposeA, transposeB }` use an operand with its last two axes swapped (`matmul(a, b, { transposeB: true })`
 * is `a · bᵀ`), read in place without a view, as the backward pass does.
 */
export function matmul(a: VarLike, b: VarLike, options?: MatmulOptions): Var {
  if (options === undefined) return matmulOp([a, b], flagSets[0]!);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new T.ValueError(
      `matmul: options must be an object such as { transposeA, transposeB }; got ${String(options)}`,
    );
  }
  const { transposeA = false, transposeB = false } = options;
  for (const [name, flag] of [
    ['transposeA', transposeA],
    ['transposeB', transposeB],
  ] as const) {
    if (typeof flag !== 'boolean') {
      throw new T.ValueError(`matmul: options.${name} must be a boolean; got ${typeof flag} ${String(flag)}`);
    }
  }
  return matmulOp([a, b], flagsOf(transposeA, transposeB));
}

import type { Tensor } from '@chainrule/tensor';

/** The elements of a tensor in row-major order (a view of its buffer when contiguous). */
export function flatValues(tensor: Tensor): ArrayLike<number> {
  const contiguous = tensor.contiguous();
  return contiguous.data.subarray(contiguous.offset, contiguous.offset + contiguous.size);
}

import * as T from '@chainrule/tensor';

/** Internal: the inverse of an axis permutation (`inverse[axes[i]] = i`), negative axes counting from the end. */
export function inversePermutation(axes: readonly number[], rank: number, op: string): number[] {
  const inverse = new Array<number>(rank).fill(-1);
  if (axes.length !== rank) {
    throw new T.ShapeError(
      `${op}: axes [${axes.join(',')}] do not permute ${rank} axes; expected ${rank} distinct axes`,
    );
  }
  for (let i = 0; i < rank; i++) {
    const axis = axes[i]!;
    const normalized = axis < 0 ? axis + rank : axis;
    inverse[normalized] = i;
  }
  return inverse;
}

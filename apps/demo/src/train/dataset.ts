/** The tutorial's inputs: three binary features per row, the third always 1 (it plays the part of a bias). */
export const INPUTS: readonly (readonly number[])[] = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
];

/** The tutorial's targets: XOR of the first two features, one column. */
export const TARGETS: readonly (readonly number[])[] = [[0], [1], [1], [0]];

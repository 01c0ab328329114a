import type { Implementation } from '../../harness/types';
import type { MatmulProblem } from './problem';

/**
 * `C = A·B` (m×k times k×n, row-major float32) with a 4×4 register tile: B is packed into column panels
 * four wide so the inner loop reads both operands sequentially, and sixteen accumulators stay in registers.
 */
export function matmulTiled(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  const panels = Math.ceil(n / 4);
  const packed = new Float32Array(panels * 4 * k);
  for (let row = 0; row < k; row++) {
    for (let column = 0; column < n; column++)
      packed[(column >> 2) * 4 * k + row * 4 + (column & 3)] = b[row * n + column]!;
  }
  const fullRows = m - (m % 4);
  for (let i = 0; i < fullRows; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let panel = 0; panel < panels; panel++) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let p = panel * 4 * k;
      for (let inner = 0; inner < k; inner++, p += 4) {
        const b0 = packed[p]!,
          b1 = packed[p + 1]!,
          b2 = packed[p + 2]!,
          b3 = packed[p + 3]!;
        const x0 = a[a0 + inner]!,
          x1 = a[a1 + inner]!,
          x2 = a[a2 + inner]!,
          x3 = a[a3 + inner]!;
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      const o0 = i * n + panel * 4;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      if (panel * 4 + 4 <= n) {
        c[o0] = c00;
        c[o0 + 1] = c01;
        c[o0 + 2] = c02;
        c[o0 + 3] = c03;
        c[o1] = c10;
        c[o1 + 1] = c11;
        c[o1 + 2] = c12;
        c[o1 + 3] = c13;
        c[o2] = c20;
        c[o2 + 1] = c21;
        c[o2 + 2] = c22;
        c[o2 + 3] = c23;
        c[o3] = c30;
        c[o3 + 1] = c31;
        c[o3 + 2] = c32;
        c[o3 + 3] = c33;
      } else {
        const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let r = 0; r < 4; r++) {
          for (let s = 0; s < n - panel * 4; s++) c[(i + r) * n + panel * 4 + s] = tile[r * 4 + s]!;
        }
      }
    }
  }
  for (let i = fullRows; i < m; i++) {
    for (let inner = 0; inner < k; inner++) {
      const x = a[i * k + inner]!;
      for (let column = 0; column < n; column++) c[i * n + column]! += x * b[inner * n + column]!;
    }
  }
  return c;
}

/** Plain-JS baseline: the 4×4 register-tiled kernel above. */
export function tiledMatmul(problem: MatmulProblem): Implementation {
  return {
    name: 'plain JS 4×4 tiled',
    kind: 'baseline',
    prepare: () => {
      let product: Float32Array = new Float32Array(0);
      return {
        run: () => {
          product = matmulTiled(problem.a, problem.b, problem.n, problem.n, problem.n);
        },
        result: () => product,
      };
    },
  };
}

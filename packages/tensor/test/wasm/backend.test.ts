import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, Rng, type Tensor, ValueError, getBackend, matmul, setBackend } from '@chainrule/tensor';

afterEach(() => setBackend('auto'));

/** The product of `a` and `b` under each backend (float32, where the kernels round differently). */
function under(backend: Backend, a: Tensor, b: Tensor): number[] {
  setBackend(backend);
  return Array.from(matmul(a, b).data);
}

describe('setBackend', () => {
  it("starts at 'auto' and reports each choice", () => {
    expect(getBackend()).toBe('auto');
    for (const backend of ['js', 'wasm', 'auto'] as const) {
      setBackend(backend);
      expect(getBackend()).toBe(backend);
    }
  });

  it('rejects an unknown backend with a ValueError and keeps the current one', () => {
    setBackend('js');
    for (const bad of ['webgpu', 'WASM', '', null, 1]) {
      expect(() => setBackend(bad as Backend)).toThrow(ValueError);
    }
    expect(() => setBackend('webgpu' as Backend)).toThrow(
      "setBackend: unknown backend 'webgpu'; expected 'auto', 'js' or 'wasm'",
    );
    expect(getBackend()).toBe('js');
  });

  it("with 'auto', runs small products and a matrix times a column in JS and larger ones in WebAssembly", () => {
    const rng = new Rng(1);
    // [m, k, n] and the kernel 'auto' must choose: WebAssembly from m·n·k = 1728 on (12x12x12), unless n = 1.
    const cases: [number, number, number, Backend][] = [
      [4, 3, 4, 'js'], // the reference network's products
      [11, 12, 13, 'js'], // 1716 multiply-adds
      [12, 12, 12, 'wasm'],
      [1, 300, 20, 'wasm'],
      [300, 300, 1, 'js'],
      [128, 784, 256, 'wasm'],
    ];
    for (const [m, k, n, expected] of cases) {
      const a = rng.uniform([m, k], -1, 1);
      const b = rng.normal([k, n], 0, 3);
      const js = under('js', a, b);
      const wasm = under('wasm', a, b);
      // The two kernels round differently here (float64 against float32 sums), so the bits tell which one ran.
      expect(js).not.toEqual(wasm);
      expect(under('auto', a, b)).toEqual(expected === 'js' ? js : wasm);
    }
  });

  it("with 'auto', judges a batch by its whole work (each item's product, or the product its rows fold into)", () => {
    const rng = new Rng(3);
    // [a shape, b shape, the kernel 'auto' must choose]
    const cases: [number[], number[], Backend][] = [
      [[300, 8, 8], [300, 8, 8], 'wasm'], // 300 items of 512 multiply-adds: the operands are copied in once
      [[20, 4, 4], [20, 4, 4], 'js'], // 20 items of 64: 1280 in all
      [[50, 8, 8], [8, 8], 'wasm'], // folds into one 400x8 by 8x8 product (25,600)
    ];
    for (const [aShape, bShape, expected] of cases) {
      const a = rng.uniform(aShape, -1, 1);
      const b = rng.normal(bShape, 0, 3);
      const js = under('js', a, b);
      const wasm = under('wasm', a, b);
      expect(js).not.toEqual(wasm);
      expect(under('auto', a, b)).toEqual(expected === 'js' ? js : wasm);
    }
  });

  it("with 'js', runs even large products in JS", () => {
    const rng = new Rng(2);
    const a = rng.uniform([64, 64], -1, 1);
    const b = rng.uniform([64, 64], -1, 1);
    const wasm = under('wasm', a, b);
    const js = under('js', a, b);
    expect(js).not.toEqual(wasm);
    // The JS kernel's float32 result is the float64 sum rounded once: check one entry by hand.
    let sum = 0;
    for (let p = 0; p < 64; p++) sum += a.data[p]! * b.data[p * 64]!;
    expect(js[0]).toBe(Math.fround(sum));
  });
});

import { acceptBrand, rngBrand } from './brand';
import { isCapturing, recordLaunch } from './capture';
import { type DTypeOptions, type TypedArray, allocate, floatDTypeOption } from './dtype';
import { ValueError } from './errors';
import { describeNotTensor } from './not-a-tensor';
import { type Shape, checkShape, formatShape, normalizeAxis, shapeSize, shapesEqual } from './shape';
import { type Tensor, checkTensor, fromData, isTensor } from './tensor';
import { take } from './ops/take';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_32 = 4294967296;
const TWO_POW_31 = 2147483648;
const SQRT_HALF = Math.SQRT1_2;
const SQRT_TWO = Math.SQRT2;
const LN2 = Math.LN2;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A seeded pseudo-random generator: **xoshiro128\*\*** (Blackman & Vigna, 2018; 128-bit state, period 2^128 − 1),
 * its state filled by **splitmix32** from the seed. Everything is 32-bit integer arithmetic (`Math.imul`, `>>> 0`)
 * and exactly rounded float operations, so a seed gives the same numbers on every platform and engine.
 *
 * - `nextUint32()`: the next 32-bit output.
 * - `nextFloat()`: `[0, 1)` with 53 random bits, `(a·2^26 + b) / 2^53` from two outputs (a: 27 bits, b: 26 bits).
 * - `uniform(shape, low, high)`: `low + (high − low)·u`, always inside `[low, high)` after rounding to the dtype, for
 *   any finite bounds (float32 bounds must lie in the float32 range).
 * - `normal(shape, mean, std)`: Box–Muller in Marsaglia's polar form, with a logarithm computed from + − × ÷ only
 *   (so it does not depend on the engine's `Math.log`).
 * - `permutation(n)`, `shuffle(x)`: Fisher–Yates with unbiased integers (rejection sampling, no modulo bias).
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /** Seeds the generator from a safe integer (negative allowed). Other seeds throw a ValueError. */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new ValueError(`Rng: seed must be a safe integer; got ${String(seed)}`);
    }
    // The two 32-bit halves of the seed each drive their own splitmix32 stream: distinct seeds give distinct states.
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let state = low;
    state = (state + 0x9e3779b9) | 0;
    this.#s0 = splitmix32(state);
    state = (state + 0x9e3779b9) | 0;
    this.#s1 = splitmix32(state);
    state = (high ^ 0x6a09e667) | 0;
    state = (state + 0x9e3779b9) | 0;
    this.#s2 = splitmix32(state);
    state = (state + 0x9e3779b9) | 0;
    this.#s3 = splitmix32(state);
  }

  /** The next output of xoshiro128**: `rotl(s1·5, 7)·9` (mod 2^32), as an integer in `[0, 2^32)`. */
  nextUint32(): number {
    const s0 = this.#s0;
    const s1 = this.#s1;
    const s2 = this.#s2;
    const s3 = this.#s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.#s1 = s1 ^ n2;
    this.#s0 = s0 ^ n3;
    this.#s2 = n2 ^ t;
    this.#s3 = rotl(n3, 11);
    return result;
  }

  /**
   * The generator's position as a state dict: `{ state }`, an int32 tensor of shape `[4]` holding the four 32-bit
   * words of xoshiro128** (bit patterns, so words above 2^31 read as negative). Saved beside a model's and an
   * optimizer's state dicts, it lets a run that draws numbers (Dropout, shuffled batches) resume exactly. The tensor
   * is a copy: later draws do not change it.
   *
   * ```ts
   * const saved = rng.stateDict();
   * const a = rng.uniform([3]);
   * rng.loadStateDict(saved); // back to where it was
   * const b = rng.uniform([3]); // equal to a, bit for bit
   * ```
   */
  stateDict(): Record<string, Tensor> {
    const words = allocate('int32', 4, 'Rng.stateDict', [4]);
    Rng.#writeState(this, words);
    if (isCapturing()) recordLaunch(Rng.#writeState, [this, words]);
    return { state: fromData(words, [4]) };
  }

  /** Kernel: `out` (int32, length 4) becomes the four state words of `rng`. */
  static #writeState(rng: Rng, out: TypedArray): void {
    out[0] = rng.#s0;
    out[1] = rng.#s1;
    out[2] = rng.#s2;
    out[3] = rng.#s3;
  }

  /**
   * Moves the generator to a position saved by `stateDict()`: `dict` must be `{ state }` with `state` an int32 tensor
   * of shape `[4]`, not all zero (xoshiro's one forbidden state). Anything else is a ValueError naming every problem,
   * and the generator is left unchanged. The dict is read, never kept or changed.
   */
  loadStateDict(dict: Readonly<Record<string, Tensor>>): void {
    const expected = 'expected { state: int32 tensor of shape [4] } from Rng.stateDict()';
    if (dict === null || typeof dict !== 'object' || Array.isArray(dict) || isTensor(dict)) {
      const got = isTensor(dict)
        ? `a tensor of shape ${formatShape(dict.shape)}`
        : describeNotTensor(dict, 'Rng.loadStateDict');
      throw new ValueError(`Rng.loadStateDict: ${expected}; got ${got}`);
    }
    const problems: string[] = [];
    const state: unknown = Object.hasOwn(dict, 'state') ? dict.state : undefined;
    if (!Object.hasOwn(dict, 'state')) problems.push("missing key 'state'");
    else if (!isTensor(state))
      problems.push(`'state' is ${describeNotTensor(state, 'Rng.loadStateDict')}, not a tensor`);
    else if (state.dtype !== 'int32' || !shapesEqual(state.shape, [4])) {
      problems.push(`'state' is a ${state.dtype} tensor of shape ${formatShape(state.shape)}`);
    }
    for (const key of Object.keys(dict)) if (key !== 'state') problems.push(`unexpected key '${key}'`);
    if (problems.length > 0) throw new ValueError(`Rng.loadStateDict: ${problems.join('; ')}; ${expected}`);
    const words = (state as Tensor).toArray() as number[];
    if (words.every((word) => word === 0)) {
      throw new ValueError(`Rng.loadStateDict: 'state' is all zero, which xoshiro128** never reaches; ${expected}`);
    }
    this.#s0 = words[0]!;
    this.#s1 = words[1]!;
    this.#s2 = words[2]!;
    this.#s3 = words[3]!;
  }

  /** A float in `[0, 1)` with 53 random bits: `((x >>> 5)·2^26 + (y >>> 6)) / 2^53`. */
  nextFloat(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /** A tensor of uniform samples in `[low, high)`: `low + (high − low)·u` with `u = nextFloat()`. */
  uniform(shape: Shape, low = 0, high = 1, options?: DTypeOptions): Tensor {
    const checked = checkShape(shape, 'uniform');
    const dtype = floatDTypeOption(options, 'uniform');
    if (
      typeof low !== 'number' ||
      typeof high !== 'number' ||
      !Number.isFinite(low) ||
      !Number.isFinite(high) ||
      !(low < high)
    ) {
      throw new ValueError(
        `uniform: expected finite bounds with low < high; got low=${String(low)}, high=${String(high)}`,
      );
    }
    if (dtype === 'float32' && (Math.abs(low) > FLOAT32_MAX || Math.abs(high) > FLOAT32_MAX)) {
      throw new ValueError(
        `uniform: float32 bounds must lie within ±${FLOAT32_MAX} (the float32 range); got low=${low}, high=${high}`,
      );
    }
    const data = allocate(dtype, shapeSize(checked), 'uniform', checked);
    fillUniform(this, data, low, high);
    if (isCapturing()) recordLaunch(fillUniform, [this, data, low, high]);
    return fromData(data, checked);
  }

  /** A tensor of normal samples `mean + std·z`, with `z ~ N(0, 1)` from the polar Box–Muller method. */
  normal(shape: Shape, mean = 0, std = 1, options?: DTypeOptions): Tensor {
    const checked = checkShape(shape, 'normal');
    const dtype = floatDTypeOption(options, 'normal');
    if (typeof mean !== 'number' || !Number.isFinite(mean)) {
      throw new ValueError(`normal: mean must be a finite number; got ${String(mean)}`);
    }
    if (typeof std !== 'number' || !Number.isFinite(std) || std < 0) {
      throw new ValueError(`normal: std must be a finite number >= 0; got ${String(std)}`);
    }
    const data = allocate(dtype, shapeSize(checked), 'normal', checked);
    fillNormal(this, data, mean, std);
    if (isCapturing()) recordLaunch(fillNormal, [this, data, mean, std]);
    return fromData(data, checked);
  }

  /**
   * A random permutation of `0, 1, ..., n − 1` as an int32 tensor of shape `[n]` (NumPy's `rng.permutation(n)`,
   * PyTorch's `randperm`): Fisher–Yates, each swap drawn uniformly without modulo bias.
   */
  permutation(n: number): Tensor {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > TWO_POW_31) {
      throw new ValueError(`permutation: n must be an integer in [0, 2^31]; got ${String(n)}`);
    }
    const out = allocate('int32', n, 'permutation', [n]);
    Rng.#fillPermutation(this, out);
    if (isCapturing()) recordLaunch(Rng.#fillPermutation, [this, out]);
    return fromData(out, [n]);
  }

  /** Kernel: `out` becomes a Fisher–Yates shuffle of 0, 1, ..., n − 1 drawn from `rng`. */
  static #fillPermutation(rng: Rng, out: TypedArray): void {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.#below(i + 1);
      const swap = out[i]!;
      out[i] = out[j]!;
      out[j] = swap;
    }
  }

  /**
   * A shuffled copy: a tensor with its slices along `axis` (default 0, the rows) in random order, or a new array with
   * the items of `items` in random order. The argument is never changed (NumPy's `shuffle` works in place; this is
   * its `permutation(x)`). Both draw one `permutation` of the length.
   */
  shuffle(x: Tensor, axis?: number): Tensor;
  shuffle<Item>(items: readonly Item[]): Item[];
  shuffle<Item>(x: Tensor | readonly Item[], axis = 0): Tensor | Item[] {
    if (Array.isArray(x)) {
      const order = this.permutation(x.length).data;
      return Array.from(order, (index) => x[index]!);
    }
    checkTensor(x, 'shuffle');
    if (x.rank === 0) throw new ValueError(`shuffle: cannot shuffle a 0-d tensor (shape ${formatShape(x.shape)})`);
    const at = normalizeAxis(axis, x.rank, 'shuffle', x.shape);
    return take(x, this.permutation(x.shape[at]!), at);
  }

  /** An integer in `[0, bound)` for `1 ≤ bound ≤ 2^32`, without modulo bias: draws above the last multiple of `bound` are rejected. */
  #below(bound: number): number {
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return draw % bound;
  }

  // `instanceof Rng` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, rngBrand);
  }
}

/** Kernel: fills `data` with `low + (high − low)·u`, u = `rng.nextFloat()`, each below `high` after rounding. */
function fillUniform(rng: Rng, data: TypedArray, low: number, high: number): void {
  const width = high - low;
  const float32 = data instanceof Float32Array;
  // NOTE: `high − low` overflows for bounds beyond ±max/2 (−1e308..1e308): there the draw is 2·(low/2 + u·(high/2 −
  // low/2)), where halving and doubling are exact, so the samples spread over the whole range instead of all
  // overflowing to `high`. Other bounds keep the one formula `low + u·(high − low)`, bit for bit.
  const halfWidth = Number.isFinite(width) ? 0 : high / 2 - low / 2;
  for (let i = 0; i < data.length; i++) {
    const u = rng.nextFloat();
    data[i] = halfWidth === 0 ? low + width * u : 2 * (low / 2 + halfWidth * u);
    // NOTE: rounding (to float64 or to float32) can land exactly on `high`; step back to the largest value below it.
    if (data[i]! >= high) data[i] = below(high, float32);
  }
}

/** Kernel: fills `data` with `mean + std·z`, z from the polar Box–Muller method on `rng`. */
function fillNormal(rng: Rng, data: TypedArray, mean: number, std: number): void {
  for (let i = 0; i < data.length; i += 2) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng.nextFloat() - 1;
      v = 2 * rng.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    data[i] = mean + std * u * factor;
    if (i + 1 < data.length) data[i + 1] = mean + std * v * factor;
  }
}

/** splitmix32 output function (a bijection of 32-bit integers). */
function splitmix32(state: number): number {
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The largest float64 (or float32) strictly below `x`. */
function below(x: number, float32: boolean): number {
  if (float32) {
    const buffer = new Float32Array([x]);
    const bits = new Int32Array(buffer.buffer);
    if (x > 0) bits[0] = bits[0]! - 1;
    else if (x < 0) bits[0] = bits[0]! + 1;
    else return -1.401298464324817e-45;
    return buffer[0]!;
  }
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  if (x > 0) bits[0] = bits[0]! - 1n;
  else if (x < 0) bits[0] = bits[0]! + 1n;
  else return -Number.MIN_VALUE;
  return buffer[0]!;
}

/**
 * Natural logarithm of a positive finite `x` from exactly rounded operations only: scale `x` by powers of two into
 * `[√½, √2)`, then `ln x = e·ln 2 + 2·atanh(f)` with `f = (x − 1)/(x + 1)` and the odd series of atanh.
 */
function portableLog(x: number): number {
  let exponent = 0;
  while (x < SQRT_HALF) {
    x *= 2;
    exponent--;
  }
  while (x >= SQRT_TWO) {
    x /= 2;
    exponent++;
  }
  const f = (x - 1) / (x + 1);
  const f2 = f * f;
  // NOTE: |f| <= 0.1716, so f² <= 0.0295 and the terms after f^21/21 are below 1e-17 relative to f.
  const series =
    1 +
    f2 *
      (1 / 3 +
        f2 *
          (1 / 5 +
            f2 *
              (1 / 7 +
                f2 *
                  (1 / 9 + f2 * (1 / 11 + f2 * (1 / 13 + f2 * (1 / 15 + f2 * (1 / 17 + f2 * (1 / 19 + f2 / 21)))))))));
  return exponent * LN2 + 2 * f * series;
}

import {
  type DType,
  DTypeError,
  Rng,
  type Shape,
  ShapeError,
  type Tensor,
  ValueError,
  formatShape,
  isTensor,
  shapeSize,
  shapesEqual,
  zeros,
} from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

/**
 * Draws a weight tensor of `shape` and `dtype` from the explicit generator `rng`, so the same seed always gives
 * the same weights. `Dense` calls it with `[inFeatures, outFeatures]`.
 */
export type Initializer = (shape: Shape, rng: Rng, dtype: DType) => Tensor;

/** Uniform samples in `[low, high)` (the tutorial's weights are `uniform(0, 1)`). Needs finite `low < high`. */
export function uniform(low = 0, high = 1): Initializer {
  checkFinite('uniform', 'low', low);
  checkFinite('uniform', 'high', high);
  if (!(low < high)) throw new ValueError(`uniform: expected low < high; got low=${low}, high=${high}`);
  return (shape, rng, dtype) => {
    checkRng('uniform', rng);
    return rng.uniform(shape, low, high, { dtype });
  };
}

/** Normal samples `mean + std·z` with `z ~ N(0, 1)`. Needs a finite `mean` and a finite `std >= 0`. */
export function normal(mean = 0, std = 1): Initializer {
  checkFinite('normal', 'mean', mean);
  checkFinite('normal', 'std', std);
  if (std < 0) throw new ValueError(`normal: std must be >= 0; got ${std}`);
  return (shape, rng, dtype) => {
    checkRng('normal', rng);
    return rng.normal(shape, mean, std, { dtype });
  };
}

/**
 * Xavier/Glorot uniform (Glorot & Bengio, 2010): `U(−a, a)` with `a = gain·√(6 / (fanIn + fanOut))`, which keeps
 * the variance of activations and gradients about equal across layers. `Dense`'s default initialiser.
 * Fans: see {@link computeFans}.
 */
export function xavierUniform(gain = 1): Initializer {
  checkGain('xavierUniform', gain);
  return (shape, rng, dtype) => {
    checkRng('xavierUniform', rng);
    if (shapeSize(shape) === 0) return zeros(shape, { dtype });
    const { fanIn, fanOut } = computeFans(shape, 'xavierUniform');
    const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
    return rng.uniform(shape, -bound, bound, { dtype });
  };
}

/** Xavier/Glorot normal: `N(0, σ²)` with `σ = gain·√(2 / (fanIn + fanOut))`. Fans: see {@link computeFans}. */
export function xavierNormal(gain = 1): Initializer {
  checkGain('xavierNormal', gain);
  return (shape, rng, dtype) => {
    checkRng('xavierNormal', rng);
    if (shapeSize(shape) === 0) return zeros(shape, { dtype });
    const { fanIn, fanOut } = computeFans(shape, 'xavierNormal');
    return rng.normal(shape, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), { dtype });
  };
}

/**
 * He/Kaiming uniform for ReLU layers (He et al., 2015; PyTorch's `kaiming_uniform_` with `mode='fan_in'`,
 * `nonlinearity='relu'`): `U(−a, a)` with `a = √(6 / fanIn)`. Fans: see {@link computeFans}.
 */
export function heUniform(): Initializer {
  return (shape, rng, dtype) => {
    checkRng('heUniform', rng);
    if (shapeSize(shape) === 0) return zeros(shape, { dtype });
    const bound = Math.sqrt(6 / computeFans(shape, 'heUniform').fanIn);
    return rng.uniform(shape, -bound, bound, { dtype });
  };
}

/** He/Kaiming normal for ReLU layers: `N(0, σ²)` with `σ = √(2 / fanIn)`. Fans: see {@link computeFans}. */
export function heNormal(): Initializer {
  return (shape, rng, dtype) => {
    checkRng('heNormal', rng);
    if (shapeSize(shape) === 0) return zeros(shape, { dtype });
    return rng.normal(shape, 0, Math.sqrt(2 / computeFans(shape, 'heNormal').fanIn), { dtype });
  };
}

/**
 * Fan-in and fan-out of a weight laid out `[..., in, out]` (Dense's `[inFeatures, outFeatures]`, as in Keras):
 * `fanIn = in·r`, `fanOut = out·r`, where `r` is the product of the leading axes (1 for a matrix). Rank < 2, or a
 * dimension that is not a non-negative integer, is a ShapeError naming `op`.
 */
export function computeFans(shape: Shape, op = 'computeFans'): { fanIn: number; fanOut: number } {
  const rank = shape.length;
  if (rank < 2) {
    throw new ShapeError(
      `${op}: needs a weight of rank >= 2 laid out [..., inFeatures, outFeatures]; got shape [${shape.join(',')}]`,
    );
  }
  if (!shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new ShapeError(`${op}: every dimension must be a non-negative integer; got shape [${shape.join(',')}]`);
  }
  let receptiveField = 1;
  for (let axis = 0; axis < rank - 2; axis++) receptiveField *= shape[axis]!;
  return { fanIn: shape[rank - 2]! * receptiveField, fanOut: shape[rank - 1]! * receptiveField };
}

function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${name} must be a finite number; got ${describeValue(value)}`);
  }
}

function checkGain(op: string, gain: number): void {
  if (typeof gain !== 'number' || !Number.isFinite(gain) || gain <= 0) {
    throw new ValueError(`${op}: gain must be a finite number > 0; got ${describeValue(gain)}`);
  }
}

function checkRng(op: string, rng: unknown): void {
  if (!(rng instanceof Rng)) {
    throw new ValueError(`${op}: expected an Rng (new Rng(seed) from @chainrule/tensor); got ${describeValue(rng)}`);
  }
}

/** Internal: the weight `init` draws for layer `op`, checked: a Tensor of `shape` in `dtype`, else a typed error. */
export function drawWeight(op: string, init: Initializer, shape: number[], rng: Rng, dtype: DType): Tensor {
  const weight: unknown = init(shape, rng, dtype);
  if (!isTensor(weight) || !shapesEqual(weight.shape, shape)) {
    throw new ShapeError(
      `${op}: options.init returned ${isTensor(weight) ? `${formatShape(weight.shape)} ${weight.dtype}` : describeValue(weight)}; expected a ${formatShape(shape)} ${dtype} Tensor`,
    );
  }
  if (weight.dtype !== dtype) {
    throw new DTypeError(`${op}: options.init returned a ${weight.dtype} weight; expected dtype ${dtype}`);
  }
  return weight;
}

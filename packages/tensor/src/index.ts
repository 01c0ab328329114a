export { ChainruleError, DTypeError, ShapeError, TraceError, ValueError } from './errors';
export type { DType, DTypeOptions, FloatDType, TypedArray } from './dtype';
export {
  MAX_RANK,
  type Shape,
  broadcastShapes,
  checkShape,
  formatShape,
  normalizeAxes,
  shapeSize,
  shapesEqual,
} from './shape';
export { type NestedArray, Tensor, isTensor } from './tensor';
export {
  type TensorOptions,
  arange,
  astype,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  oneHot,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from './creation';
export { Rng } from './rng';
export {
  abs,
  cos,
  erf,
  exp,
  expm1,
  log,
  log1p,
  neg,
  reciprocal,
  relu,
  sigmoid,
  sign,
  sin,
  sqrt,
  square,
  tanh,
} from './ops/unary';
export {
  type GeluApproximation,
  type GeluOptions,
  clip,
  elu,
  gelu,
  leakyRelu,
  logSigmoid,
  silu,
  softplus,
} from './ops/activations';
export { add, div, maximum, minimum, mul, pow, sub } from './ops/binary';
export { geluGrad, reluGrad, sigmoidGrad, tanhGrad } from './ops/derivatives';
export { squaredErrorGrad, squaredErrorSum } from './ops/squared-error';
export {
  type AllCloseOptions,
  allClose,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  notEqual,
} from './ops/compare';
export { where } from './ops/where';
export { allFinite } from './ops/all-finite';
export { type Axes, argmax, logSumExp, max, mean, min, sum, sumTo } from './ops/reduce';
export { type MatmulOptions, matmul } from './ops/matmul';
export {
  broadcastTo,
  expandDims,
  flatten,
  permute,
  reshape,
  slice,
  squeeze,
  swapAxes,
  transpose,
} from './ops/views';
export { concat, stack } from './ops/concat';
export { scatterAdd, take } from './ops/take';
export { pad } from './ops/pad';
export {
  type AdamHyperparameters,
  type AdamState,
  type RmspropHyperparameters,
  type RmspropState,
  type SgdHyperparameters,
  type SgdState,
  adamUpdate,
  adamwUpdate,
  rmspropUpdate,
  sgdUpdate,
} from './ops/optimizers';
export { type Backend, getBackend, setBackend } from './wasm/backend';

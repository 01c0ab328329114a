// The graph node first: the op modules below only use it when called, never while loading.
export { type BackwardOptions, Var, variable, constant, isVar } from './engine/var';
export {
  type VarLike,
  type Vars,
  type VarLikes,
  type Gradients,
  type OpDef,
  type Op,
  defineOp,
} from './engine/define-op';
export { noGrad, isRecording, invalidateCompiled } from './engine/recording';
export { type CompileOptions, compile } from './compile';
export { type GradientsOptions, gradients } from './engine/gradients';
export {
  type ScalarFunction,
  type GradFunction,
  type GradsFunction,
  type ValueAndGradFunction,
  type ValueAndGradsFunction,
  grad,
  valueAndGrad,
} from './grad';
export { type CheckGradOptions, type GradCheckEntry, type GradCheckReport, checkGrad } from './check-grad';
export type { GraphExportOptions } from './graph';
export { toDot } from './to-dot';
export { toMermaid } from './to-mermaid';
export { GraphError, GradCheckError } from './errors';

// Differentiable ops, named and ordered like @chainrule/tensor's.
export { neg } from './ops/neg';
export { abs } from './ops/abs';
export { exp } from './ops/exp';
export { log } from './ops/log';
export { sqrt } from './ops/sqrt';
export { square } from './ops/square';
export { tanh } from './ops/tanh';
export { sigmoid } from './ops/sigmoid';
export { relu } from './ops/relu';
export { sigmoidGrad } from './ops/sigmoid-grad';
export { tanhGrad } from './ops/tanh-grad';
export { reluGrad } from './ops/relu-grad';
export { reciprocal } from './ops/reciprocal';
export { add } from './ops/add';
export { sub } from './ops/sub';
export { mul } from './ops/mul';
export { div } from './ops/div';
export { pow } from './ops/pow';
export { maximum } from './ops/maximum';
export { minimum } from './ops/minimum';
export { where } from './ops/where';
export type { Axis } from './ops/reduce-attrs';
export { sum } from './ops/sum';
export { mean } from './ops/mean';
export { max } from './ops/max';
export { min } from './ops/min';
export { logSumExp } from './ops/log-sum-exp';
export { sumTo } from './ops/broadcast-to';
export { matmul } from './ops/matmul';
export { reshape } from './ops/reshape';
export { flatten } from './ops/flatten';
export { transpose } from './ops/transpose';
export { permute } from './ops/permute';
export { swapAxes } from './ops/swap-axes';
export { expandDims } from './ops/expand-dims';
export { squeeze } from './ops/squeeze';
export { broadcastTo } from './ops/broadcast-to';
export { slice } from './ops/slice';
export { type Padding, pad } from './ops/slice';
export { concat } from './ops/concat';
export { stack } from './ops/stack';

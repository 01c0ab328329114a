import { hasBrand } from './brand';

/**
 * The tensor functions that @chainrule/autograd offers as differentiable ops of the same name, for the advice given
 * when a Var reaches one (autograd's tests check this list against its exports, both ways).
 */
export const differentiableOps: ReadonlySet<string> = new Set([
  'abs',
  'add',
  'broadcastTo',
  'clip',
  'concat',
  'cos',
  'div',
  'elu',
  'exp',
  'expandDims',
  'expm1',
  'flatten',
  'gelu',
  'geluGrad',
  'leakyRelu',
  'log',
  'log1p',
  'logSigmoid',
  'logSumExp',
  'matmul',
  'max',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mul',
  'neg',
  'pad',
  'permute',
  'pow',
  'reciprocal',
  'relu',
  'reluGrad',
  'reshape',
  'scatterAdd',
  'sigmoid',
  'sigmoidGrad',
  'silu',
  'sin',
  'slice',
  'softplus',
  'sqrt',
  'square',
  'squeeze',
  'stack',
  'sub',
  'sum',
  'sumTo',
  'swapAxes',
  'take',
  'tanh',
  'tanhGrad',
  'transpose',
  'where',
]);

/** Brand of @chainrule/autograd's Var (tensor does not import autograd: it recognises a Var by this brand alone). */
const varBrand = Symbol.for('@chainrule/autograd.Var');

/**
 * How an error message names a value that should have been a Tensor, for `op`. A Var of @chainrule/autograd is named
 * as one, with the way out: the autograd op of the same name, or the Var's `.value`.
 */
export function describeNotTensor(value: unknown, op: string): string {
  if (hasBrand(value, varBrand)) {
    return differentiableOps.has(op)
      ? `a Var (use ${op} from @chainrule/autograd on Vars, which keeps the gradient, or pass v.value, its Tensor)`
      : `a Var (pass v.value, its Tensor; ${op} has no differentiable form in @chainrule/autograd)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

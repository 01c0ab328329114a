import { isCapturing, recordLaunch } from '../capture';
import type { TypedArray } from '../dtype';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { formatShape } from '../shape';
import { requireFloat } from '../int32';
import { type Tensor, checkTensor } from '../tensor';

// The update loops of the optimizers in @chainrule/nn, as kernels. Unlike every other function of this package they
// write into tensors: the parameter's new values go to `out` (which may be `value` itself, an update in place) and
// the optimizer's state tensors are updated in place. Hyperparameters are read from the object passed, at the call.

/** The hyperparameters of `sgdUpdate`: learning rate `lr`, `momentum` μ, `nesterov`, L2 penalty `weightDecay` λ. */
export interface SgdHyperparameters {
  readonly lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

/** The hyperparameters of `adamUpdate` and `adamwUpdate`: `lr` η, `betas` [β₁, β₂], `eps` ε, `weightDecay` λ. */
export interface AdamHyperparameters {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
}

/** SGD's per-parameter state: the steps taken and, with momentum, the momentum buffer b (zeros at first). */
export interface SgdState {
  step: number;
  readonly momentumBuffer: Tensor | null;
}

/** Adam's (and AdamW's) per-parameter state: the steps taken (t) and the moment estimates m and v (zeros at first). */
export interface AdamState {
  step: number;
  readonly average: Tensor;
  readonly averageSquare: Tensor;
}

/**
 * The hyperparameters of `rmspropUpdate`: `lr` η, smoothing constant `alpha` α, `eps` ε, L2 penalty `weightDecay` λ,
 * `momentum` μ and `centered`.
 */
export interface RmspropHyperparameters {
  readonly lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;
}

/**
 * RMSprop's per-parameter state: the steps taken, the running mean square v, the momentum buffer b (needed when
 * μ > 0, else null) and the running mean gradient ḡ (needed when centered, else null); tensors are zeros at first.
 */
export interface RmspropState {
  step: number;
  readonly averageSquare: Tensor;
  readonly momentumBuffer: Tensor | null;
  readonly averageGradient: Tensor | null;
}

/**
 * One SGD step (PyTorch's `torch.optim.SGD`, dampening 0) into `out`, element-wise:
 * ```
 * g = grad + λ·value;  b ← g at the first step (`first`), else μ·b + g  (only when μ > 0)
 * out = value − η·d,   d = g + μ·b with nesterov, b without, g when μ = 0
 * ```
 * `state.step` counts the step (the first is step 0 before it); `state.momentumBuffer` b (same shape and dtype) is
 * updated in place and may be null when μ = 0.
 */
export function sgdUpdate(
  out: Tensor,
  value: Tensor,
  grad: Tensor,
  state: SgdState,
  options: SgdHyperparameters,
): void {
  const updated = target('sgdUpdate', out, value);
  const values = elements('sgdUpdate', 'value', value, out);
  const gradient = elements('sgdUpdate', 'grad', grad, out);
  const buffer =
    options.momentum === 0
      ? noBuffer
      : target('sgdUpdate', required('sgdUpdate', 'momentumBuffer', 'momentum > 0', state.momentumBuffer), value);
  sgdKernel(updated, values, gradient, buffer, state, options);
  if (isCapturing()) recordLaunch(sgdKernel, [updated, values, gradient, buffer, state, options]);
}

const noBuffer = new Float64Array(0);

/** Kernel of `sgdUpdate`, on checked storage: counts the step in `state`, reads the hyperparameters now. */
function sgdKernel(
  updated: TypedArray,
  values: TypedArray,
  gradient: TypedArray,
  buffer: TypedArray,
  state: SgdState,
  options: SgdHyperparameters,
): void {
  const { lr, momentum, nesterov, weightDecay } = options;
  const first = state.step === 0;
  state.step += 1;
  const n = updated.length;
  if (momentum === 0) {
    for (let i = 0; i < n; i++) updated[i] = values[i]! - lr * (gradient[i]! + weightDecay * values[i]!);
    return;
  }
  for (let i = 0; i < n; i++) {
    const g = gradient[i]! + weightDecay * values[i]!;
    buffer[i] = first ? g : momentum * buffer[i]! + g;
    const direction = nesterov ? g + momentum * buffer[i]! : buffer[i]!;
    updated[i] = values[i]! - lr * direction;
  }
}

/**
 * One Adam step (PyTorch's `torch.optim.Adam`, amsgrad off) into `out`; `state.step` counts it (t ← t + 1) and the
 * moments are updated in place:
 * ```
 * g = grad + λ·value;  m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²
 * out = value − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)      (= value − η·m̂/(√v̂ + ε))
 * ```
 */
export function adamUpdate(
  out: Tensor,
  value: Tensor,
  grad: Tensor,
  state: AdamState,
  options: AdamHyperparameters,
): void {
  const updated = target('adamUpdate', out, value);
  const values = elements('adamUpdate', 'value', value, out);
  const gradient = elements('adamUpdate', 'grad', grad, out);
  const average = target('adamUpdate', state.average, value);
  const averageSquare = target('adamUpdate', state.averageSquare, value);
  adamKernel(updated, values, gradient, average, averageSquare, state, options);
  if (isCapturing()) recordLaunch(adamKernel, [updated, values, gradient, average, averageSquare, state, options]);
}

/** Kernel of `adamUpdate`, on checked storage: counts the step in `state`, reads the hyperparameters now. */
function adamKernel(
  updated: TypedArray,
  values: TypedArray,
  gradient: TypedArray,
  average: TypedArray,
  averageSquare: TypedArray,
  state: AdamState,
  options: AdamHyperparameters,
): void {
  const { lr, eps, weightDecay } = options;
  const [beta1, beta2] = options.betas;
  state.step += 1;
  // PyTorch's arrangement: η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε), the same as η·m̂/(√v̂ + ε).
  const stepSize = lr / (1 - beta1 ** state.step);
  const correction2Root = Math.sqrt(1 - beta2 ** state.step);
  for (let i = 0; i < updated.length; i++) {
    const g = gradient[i]! + weightDecay * values[i]!;
    average[i] = beta1 * average[i]! + (1 - beta1) * g;
    averageSquare[i] = beta2 * averageSquare[i]! + (1 - beta2) * g * g;
    updated[i] = values[i]! - (stepSize * average[i]!) / (Math.sqrt(averageSquare[i]!) / correction2Root + eps);
  }
}

/**
 * One AdamW step (Loshchilov & Hutter, 2019; PyTorch's `torch.optim.AdamW`, amsgrad off) into `out`: Adam with the
 * weight decay decoupled from the gradient, applied to the value first. `state.step` counts it (t ← t + 1) and the
 * moments are updated in place:
 * ```
 * m ← β₁·m + (1 − β₁)·grad;  v ← β₂·v + (1 − β₂)·grad²
 * out = value·(1 − η·λ) − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * ```
 */
export function adamwUpdate(
  out: Tensor,
  value: Tensor,
  grad: Tensor,
  state: AdamState,
  options: AdamHyperparameters,
): void {
  const updated = target('adamwUpdate', out, value);
  const values = elements('adamwUpdate', 'value', value, out);
  const gradient = elements('adamwUpdate', 'grad', grad, out);
  const average = target('adamwUpdate', state.average, value);
  const averageSquare = target('adamwUpdate', state.averageSquare, value);
  adamwKernel(updated, values, gradient, average, averageSquare, state, options);
  if (isCapturing()) recordLaunch(adamwKernel, [updated, values, gradient, average, averageSquare, state, options]);
}

/** Kernel of `adamwUpdate`, on checked storage: counts the step in `state`, reads the hyperparameters now. */
function adamwKernel(
  updated: TypedArray,
  values: TypedArray,
  gradient: TypedArray,
  average: TypedArray,
  averageSquare: TypedArray,
  state: AdamState,
  options: AdamHyperparameters,
): void {
  const { lr, eps, weightDecay } = options;
  const [beta1, beta2] = options.betas;
  state.step += 1;
  const stepSize = lr / (1 - beta1 ** state.step);
  const correction2Root = Math.sqrt(1 - beta2 ** state.step);
  const keep = 1 - lr * weightDecay;
  for (let i = 0; i < updated.length; i++) {
    const g = gradient[i]!;
    average[i] = beta1 * average[i]! + (1 - beta1) * g;
    averageSquare[i] = beta2 * averageSquare[i]! + (1 - beta2) * g * g;
    updated[i] = values[i]! * keep - (stepSize * average[i]!) / (Math.sqrt(averageSquare[i]!) / correction2Root + eps);
  }
}

/**
 * One RMSprop step (Hinton's lecture 6e; PyTorch's `torch.optim.RMSprop`) into `out`; `state.step` counts it and the
 * state tensors are updated in place:
 * ```
 * g = grad + λ·value;  v ← α·v + (1 − α)·g²
 * a = √(v − ḡ²) + ε with ḡ ← α·ḡ + (1 − α)·g when centered, else a = √v + ε
 * out = value − η·b with b ← μ·b + g/a when μ > 0, else out = value − η·g/a
 * ```
 */
export function rmspropUpdate(
  out: Tensor,
  value: Tensor,
  grad: Tensor,
  state: RmspropState,
  options: RmspropHyperparameters,
): void {
  const op = 'rmspropUpdate';
  const updated = target(op, out, value);
  const values = elements(op, 'value', value, out);
  const gradient = elements(op, 'grad', grad, out);
  const averageSquare = target(op, state.averageSquare, value);
  const buffer =
    options.momentum > 0
      ? target(op, required(op, 'momentumBuffer', 'momentum > 0', state.momentumBuffer), value)
      : noBuffer;
  const averageGradient = options.centered
    ? target(op, required(op, 'averageGradient', 'centered', state.averageGradient), value)
    : noBuffer;
  rmspropKernel(updated, values, gradient, averageSquare, buffer, averageGradient, state, options);
  if (isCapturing()) {
    recordLaunch(rmspropKernel, [updated, values, gradient, averageSquare, buffer, averageGradient, state, options]);
  }
}

/** Kernel of `rmspropUpdate`, on checked storage: counts the step in `state`, reads the hyperparameters now. */
function rmspropKernel(
  updated: TypedArray,
  values: TypedArray,
  gradient: TypedArray,
  averageSquare: TypedArray,
  buffer: TypedArray,
  averageGradient: TypedArray,
  state: RmspropState,
  options: RmspropHyperparameters,
): void {
  const { lr, alpha, eps, weightDecay, momentum, centered } = options;
  state.step += 1;
  for (let i = 0; i < updated.length; i++) {
    const g = gradient[i]! + weightDecay * values[i]!;
    averageSquare[i] = alpha * averageSquare[i]! + (1 - alpha) * g * g;
    let variance = averageSquare[i]!;
    if (centered) {
      averageGradient[i] = alpha * averageGradient[i]! + (1 - alpha) * g;
      // NOTE: v − ḡ² ≥ 0 in exact arithmetic; rounding can take it a hair below 0, where √ would give NaN.
      variance = Math.max(variance - averageGradient[i]! * averageGradient[i]!, 0);
    }
    const scaled = g / (Math.sqrt(variance) + eps);
    if (momentum > 0) {
      buffer[i] = momentum * buffer[i]! + scaled;
      updated[i] = values[i]! - lr * buffer[i]!;
    } else {
      updated[i] = values[i]! - lr * scaled;
    }
  }
}

/** A state tensor the hyperparameters call for (`reason`), or a ValueError naming it when it is null. */
function required(op: string, name: string, reason: string, t: Tensor | null): Tensor {
  if (t === null) throw new ValueError(`${op}: ${reason} needs state.${name}; got null`);
  return t;
}

/** The storage a kernel writes: `t` must be contiguous, with `like`'s size and dtype. */
function target(op: string, t: Tensor, like: Tensor): TypedArray {
  checkTensor(t, op);
  requireFloat(t, op);
  if (!t.isContiguous())
    throw new ShapeError(
      `${op}: tensors written must be contiguous; got a strided view of shape ${formatShape(t.shape)}`,
    );
  checkLike(op, 'a written tensor', t, like);
  return flat(t);
}

/** The elements of an input, contiguous, checked against `out`. */
function elements(op: string, name: string, t: Tensor, out: Tensor): TypedArray {
  checkTensor(t, op);
  checkLike(op, name, t, out);
  return flat(t.contiguous());
}

function checkLike(op: string, name: string, t: Tensor, like: Tensor): void {
  if (t.size !== like.size) {
    throw new ShapeError(
      `${op}: ${name} has shape ${formatShape(t.shape)} (${t.size} elements); expected ${like.size} elements, as shape ${formatShape(like.shape)}`,
    );
  }
  if (t.dtype !== like.dtype) throw new DTypeError(`${op}: ${name} is ${t.dtype}; expected ${like.dtype}`);
}

/** The elements of a contiguous tensor as one typed array (its storage itself when it holds nothing else). */
function flat(t: Tensor): TypedArray {
  return t.offset === 0 && t.storage.length === t.size ? t.storage : t.storage.subarray(t.offset, t.offset + t.size);
}

import * as T from '@chainrule/tensor';
import { type Tensor, isTensor } from '@chainrule/tensor';
import { describe } from '../describe';
import { GraphError } from '../errors';
import { isRecording } from './recording';
import { type Rule, Var, isVar, recordNode } from './var';

/** What an op accepts as input: a `Var`, or a `Tensor` / number wrapped as a constant (a number takes the dtype of the op's first `Var`/`Tensor` input, float32 if none). */
export type VarLike = Var | Tensor | number;

/** The op's inputs as graph nodes, one `Var` per tensor input. */
export type Vars<Args extends readonly Tensor[]> = { [K in keyof Args]: Var };

/** The op's public inputs, one `VarLike` per tensor input. */
export type VarLikes<Args extends readonly Tensor[]> = { [K in keyof Args]: VarLike };

/** What a backward rule returns: one gradient per input, `null` where the input gets none (not differentiable, or it does not require grad). */
export type Gradients<Args extends readonly Tensor[]> = { [K in keyof Args]: Var | null };

/**
 * One differentiable op: `forward` on tensors, `backward` as a vector-Jacobian product on `Var`s.
 *
 * `Args` is the tuple of tensor inputs (`[Tensor, Tensor]` for a binary op, `Tensor[]` for a variadic one);
 * `Attrs` the op's non-tensor attributes (axis, shape, ...), `undefined` when it has none.
 */
export interface OpDef<Args extends readonly Tensor[], Attrs = undefined> {
  /** Op name, shown by `toDot`, `toMermaid`, `Var.op` and in error messages. */
  readonly name: string;
  /** Computes the output tensor; must not write into its inputs. */
  readonly forward: (inputs: Args, attrs: Attrs) => Tensor;
  /**
   * Given `grad` = ∂L/∂out, returns ∂L/∂input for each input (`null`: none), each with its input's shape. Written
   * with differentiable ops so gradients of gradients work; `out` is the op's own output node, reusable (sigmoid).
   * The mapped return type demands one entry per input, so a missing gradient is a compile error.
   */
  readonly backward: (grad: Var, inputs: Vars<Args>, out: Var, attrs: Attrs) => Gradients<Args>;
}

/** The function `defineOp` returns: `op(a, b, ...)` for an op without attributes, `op([a, b, ...], attrs)` otherwise. */
export type Op<Args extends readonly Tensor[], Attrs = undefined> = [Attrs] extends [undefined]
  ? (...inputs: VarLikes<Args>) => Var
  : (inputs: Readonly<VarLikes<Args>>, attrs: Attrs) => Var;

/** Internal: an op definition with its types erased. */
interface AnyOpDef {
  readonly name: string;
  forward(inputs: readonly Tensor[], attrs: unknown): Tensor;
  backward(grad: Var, inputs: readonly Var[], out: Var, attrs: unknown): readonly unknown[];
}

/**
 * Defines a differentiable op from its forward (on tensors) and backward (a vector-Jacobian product on `Var`s).
 * Every built-in op is made this way. Without attributes the result is called like `op(a, b)`; with attributes
 * like `op([a, b], attrs)` (wrap it in a function with friendlier arguments, as `sum(x, axis, keepDims)` does).
 *
 * ```ts
 * const softplus = defineOp<[Tensor]>({
 *   name: 'softplus',
 *   forward: ([x]) => T.log(T.add(1, T.exp(x))),
 *   backward: (grad, [x]) => [mul(grad, sigmoid(x))], // d/dx log(1 + eˣ) = σ(x)
 * });
 * ```
 */
export function defineOp<Args extends readonly Tensor[], Attrs = undefined>(def: OpDef<Args, Attrs>): Op<Args, Attrs> {
  if (def === null || typeof def !== 'object') {
    throw new GraphError(`defineOp: expected { name, forward, backward }; got ${describe(def)}`);
  }
  if (typeof def.name !== 'string' || def.name.length === 0) {
    throw new GraphError(`defineOp: name must be a non-empty string; got ${describe(def.name)}`);
  }
  if (typeof def.forward !== 'function' || typeof def.backward !== 'function') {
    throw new GraphError(`defineOp: op '${def.name}' needs forward and backward functions`);
  }
  const definition = def as unknown as AnyOpDef;
  // What graph nodes keep: the backward rule, its results checked (one gradient of the input's shape and dtype, or
  // null, per input) so a wrong rule is reported at its op rather than as a failure somewhere below it.
  const rule: Rule = {
    name: definition.name,
    backward: (grad, inputs, out, attrs) => checkGradients(out, definition.backward(grad, inputs, out, attrs)),
  };
  const op = (...args: unknown[]): Var => {
    // The attribute form is op([inputs], attrs) with an attributes object: `add([1, 2], x)` is not that form.
    const first = args[0];
    if (args.length === 2 && Array.isArray(first) && isAttributes(args[1])) {
      return applyOp(definition, rule, first.slice(), args[1]);
    }
    return applyOp(definition, rule, args, undefined);
  };
  Object.defineProperty(op, 'name', { value: def.name });
  return op as unknown as Op<Args, Attrs>;
}

/** Runs one op: converts the inputs to `Var`s (in place, `inputs` is owned), computes forward, records a node if needed. */
function applyOp(definition: AnyOpDef, rule: Rule, inputs: unknown[], attrs: unknown): Var {
  const count = inputs.length;
  let requiresGrad = false;
  let hasNumber = false;
  for (let i = 0; i < count; i++) {
    const input = inputs[i];
    if (isVar(input)) {
      if (input.requiresGrad) requiresGrad = true;
    } else if (isTensor(input)) {
      inputs[i] = new Var(input);
    } else if (typeof input === 'number') {
      hasNumber = true;
    } else {
      throw new GraphError(`${rule.name}: input ${i} must be a Var, a Tensor or a number; got ${describe(input)}`);
    }
  }
  if (hasNumber) numbersToConstants(inputs);
  const values = new Array<Tensor>(count);
  for (let i = 0; i < count; i++) values[i] = (inputs[i] as Var).value;
  const value = definition.forward(values, attrs);
  if (!isTensor(value)) {
    throw new GraphError(`${rule.name}: forward must return a Tensor; got ${describe(value)}`);
  }
  if (!requiresGrad || !isRecording()) return new Var(value);
  return recordNode(value, rule, inputs as Var[], attrs);
}

/** Whether `value` is an op's attributes object (a plain object, or any object that is not a Var or a Tensor). */
function isAttributes(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || !(isVar(value) || isTensor(value));
}

/** Wraps the numbers among `inputs` as scalar constants in the dtype of the first Var input (float32 if none). */
function numbersToConstants(inputs: unknown[]): void {
  let dtype: T.DType = 'float32';
  for (const input of inputs) {
    if (isVar(input)) {
      dtype = input.dtype;
      break;
    }
  }
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (typeof input === 'number') inputs[i] = scalarConstant(input, dtype);
  }
}

// NOTE: every number becomes a fresh scalar constant: a shared, cached one could be written into by a custom op and
// change every later use of that number.
function scalarConstant(value: number, dtype: T.DType): Var {
  return new Var(T.scalar(value, { dtype }));
}

/** A backward rule's result, checked: one gradient (a Var of the input's shape and dtype, or null) per input. */
function checkGradients(node: Var, result: readonly unknown[]): readonly (Var | null)[] {
  const parents = node.parents;
  if (!Array.isArray(result) || result.length !== parents.length) throw countError(node, result);
  for (let i = 0; i < parents.length; i++) {
    const grad = result[i];
    if (grad === null) continue;
    if (!isVar(grad)) {
      throw new GraphError(`${node.op}: backward returned ${describe(grad)} as gradient ${i}; expected a Var or null`);
    }
    // Read the tensors once: this runs for every node of every backward pass.
    const gradient = grad.value;
    const input = parents[i]!.value;
    if (!T.shapesEqual(gradient.shape, input.shape)) {
      throw new T.ShapeError(
        `${node.op}: backward returned a gradient of shape ${T.formatShape(gradient.shape)} for input ${i} of shape ${T.formatShape(input.shape)}; expected the input's shape`,
      );
    }
    if (gradient.dtype !== input.dtype) {
      throw new T.DTypeError(
        `${node.op}: backward returned a ${gradient.dtype} gradient for input ${i} (${input.dtype}, shape ${T.formatShape(input.shape)}); expected ${input.dtype}`,
      );
    }
  }
  return result as readonly (Var | null)[];
}

function countError(node: Var, result: unknown): GraphError {
  const parents = node.parents;
  const count = Array.isArray(result)
    ? `${result.length} gradients (${result.map(describeGradient).join(', ')})`
    : describe(result);
  return new GraphError(
    `${node.op}: backward returned ${count} for ${parents.length} input${parents.length === 1 ? '' : 's'} of shapes ${parents.map((p) => T.formatShape(p.shape)).join(', ')}; expected one gradient (or null) per input`,
  );
}

function describeGradient(grad: unknown): string {
  return isVar(grad) ? T.formatShape(grad.shape) : describe(grad);
}

import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { gradients } from './engine/gradients';
import { GraphError } from './errors';
import { identity } from './ops/identity';
import { setRecording } from './engine/recording';
import { describe } from './describe';
import { Var } from './engine/var';

/** A scalar-valued function of `Var`s, as differentiated by `grad` and `valueAndGrad`. */
export type ScalarFunction = (...args: Var[]) => Var;

/** `grad(f)`: called with Tensors it returns the gradient as a Tensor; called with any Var, a differentiable Var. */
export interface GradFunction {
  (...args: Tensor[]): Tensor;
  (...args: (Var | Tensor)[]): Var;
}

/** `grad(f, [i, j, ...])`: one gradient per listed argument. */
export interface GradsFunction {
  (...args: Tensor[]): Tensor[];
  (...args: (Var | Tensor)[]): Var[];
}

/** `valueAndGrad(f)`: `[f(...args), ∂f/∂args[argnum]]`, Tensors for Tensor arguments and Vars when any argument is a Var. */
export interface ValueAndGradFunction {
  (...args: Tensor[]): [value: Tensor, grad: Tensor];
  (...args: (Var | Tensor)[]): [value: Var, grad: Var];
}

/** `valueAndGrad(f, [i, j, ...])`: the value and one gradient per listed argument. */
export interface ValueAndGradsFunction {
  (...args: Tensor[]): [value: Tensor, grads: Tensor[]];
  (...args: (Var | Tensor)[]): [value: Var, grads: Var[]];
}

/**
 * The gradient of a scalar function, JAX style: `grad(f)(x) = ∂f/∂x`, `grad(f, 1)(x, y) = ∂f/∂y`,
 * `grad(f, [0, 1])(x, y) = [∂f/∂x, ∂f/∂y]`. Called with Tensors the result is a Tensor; called with Vars (e.g.
 * inside another `grad`) it is a Var connected to the outer graph, so `grad(grad(f))(x)` is the second derivative.
 * `f` must return a size-1 Var.
 */
export function grad(f: ScalarFunction, argnums?: number): GradFunction;
export function grad(f: ScalarFunction, argnums: readonly number[]): GradsFunction;
export function grad(f: ScalarFunction, argnums: number | readonly number[] = 0): GradFunction | GradsFunction {
  checkFunction(f, 'grad');
  const gradient = (...args: (Var | Tensor)[]): Var | Tensor | (Var | Tensor)[] => {
    const [, grads] = evaluate(f, argnums, args, 'grad');
    return typeof argnums === 'number' ? grads[0]! : grads;
  };
  return gradient as GradFunction | GradsFunction;
}

/** Like `grad`, but returns `[f(...args), gradient(s)]` from one forward and one backward pass. */
export function valueAndGrad(f: ScalarFunction, argnums?: number): ValueAndGradFunction;
export function valueAndGrad(f: ScalarFunction, argnums: readonly number[]): ValueAndGradsFunction;
export function valueAndGrad(
  f: ScalarFunction,
  argnums: number | readonly number[] = 0,
): ValueAndGradFunction | ValueAndGradsFunction {
  checkFunction(f, 'valueAndGrad');
  const valueAndGradient = (...args: (Var | Tensor)[]) => {
    const [value, grads] = evaluate(f, argnums, args, 'valueAndGrad');
    return [value, typeof argnums === 'number' ? grads[0]! : grads];
  };
  return valueAndGradient as ValueAndGradFunction | ValueAndGradsFunction;
}

/** Runs f on leaves (or on fresh nodes of outer Vars) and differentiates it with respect to the chosen arguments. */
function evaluate(
  f: ScalarFunction,
  argnums: number | readonly number[],
  args: readonly unknown[],
  op: string,
): [Var | Tensor, (Var | Tensor)[]] {
  const indices = typeof argnums === 'number' ? [argnums] : argnums;
  if (!Array.isArray(indices) || indices.length === 0) {
    throw new T.ValueError(
      `${op}: argnums must be an argument index or a non-empty array of them; got ${describe(argnums)}`,
    );
  }
  for (const index of indices) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= args.length) {
      throw new T.ValueError(
        `${op}: argnums entry ${describe(index)} is not an argument index; the function was called with ${args.length} argument${args.length === 1 ? '' : 's'}`,
      );
    }
  }
  args.forEach((arg, index) => {
    if (!(arg instanceof Var) && !(arg instanceof T.Tensor)) {
      throw new GraphError(`${op}: argument ${index} must be a Tensor or a Var; got ${describe(arg)}`);
    }
  });
  const nested = args.some((arg) => arg instanceof Var);
  const previous = setRecording(true);
  try {
    const inputs = (args as readonly (Var | Tensor)[]).map((arg, index) => {
      if (!indices.includes(index)) return arg instanceof Var ? arg : new Var(arg);
      // An outer Var gets its own node, so the walk stops there and repeated arguments stay apart.
      if (arg instanceof Var) return arg.requiresGrad ? identity(arg) : new Var(arg.value, true);
      return new Var(arg, true);
    });
    const out: unknown = f(...inputs);
    if (!(out instanceof Var)) throw new GraphError(`${op}: f must return a Var; got ${describe(out)}`);
    if (out.size !== 1) {
      throw new GraphError(
        `${op}: f must return a scalar (size 1) Var; got shape ${T.formatShape(out.shape)}. Reduce it first, e.g. with sum or mean`,
      );
    }
    const grads = gradients(
      out,
      indices.map((index) => inputs[index]!),
      { createGraph: nested },
    );
    if (nested) return [out, grads];
    return [out.value, grads.map((g) => g.value.contiguous())];
  } finally {
    setRecording(previous);
  }
}

function checkFunction(f: unknown, op: string): void {
  if (typeof f !== 'function') throw new GraphError(`${op}: expected a function; got ${describe(f)}`);
}

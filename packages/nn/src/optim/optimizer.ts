import {
  DTypeError,
  ShapeError,
  type Tensor,
  ValueError,
  formatShape,
  shapesEqual,
  zerosLike,
} from '@chainrule/tensor';
import { isVar } from '@chainrule/autograd';
import { checkNonNegative } from '../check-options';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';

/**
 * Base of the optimizers: holds the parameter list (each a `Parameter`, each once), the learning rate, and
 * `zeroGrad()`. A subclass implements `step()`, which reads each parameter's `grad` and runs an update kernel of
 * @chainrule/tensor (`sgdUpdate`, `adamUpdate`, no graph recorded) into `updateTarget(index)`: the tensor this
 * optimizer created at the parameter's first step, or a new one; `commit` then assigns it to the parameter.
 */
export abstract class Optimizer {
  /** The parameters this optimizer updates, in the order given. */
  readonly parameters: readonly Parameter[];
  #lr: number;
  readonly #name: string;
  // Per parameter, the value tensor this optimizer created (and so may overwrite), or null.
  readonly #ownValues: (Tensor | null)[];

  /** `name` is used in error messages. Throws a ValueError for an empty list, a non-Parameter or a repeated one. */
  protected constructor(name: string, parameters: Iterable<Parameter>, lr: number) {
    this.#name = name;
    if (parameters === null || typeof parameters !== 'object' || !(Symbol.iterator in parameters)) {
      throw new ValueError(
        `${name}: expected a list of Parameters (e.g. model.parameters()); got ${describeValue(parameters)}`,
      );
    }
    const list = [...parameters];
    if (list.length === 0)
      throw new ValueError(`${name}: got an empty parameter list; expected at least one Parameter`);
    const seen = new Set<Parameter>();
    list.forEach((parameter: unknown, index) => {
      if (!(parameter instanceof Parameter)) {
        throw new ValueError(
          `${name}: params[${index}] must be a Parameter (use model.parameters()); got ${describeValue(parameter)}`,
        );
      }
      if (seen.has(parameter)) throw new ValueError(`${name}: params[${index}] appears twice in the parameter list`);
      seen.add(parameter);
    });
    this.parameters = list;
    this.#lr = checkNonNegative(name, 'lr', lr);
    this.#ownValues = list.map(() => null);
  }

  /**
   * The learning rate; assigning a new one (finite, >= 0: 0 holds the parameters still, as warm-up from 0 and cosine
   * decay to 0 need) takes effect at the next `step()`, as schedules need.
   */
  get lr(): number {
    return this.#lr;
  }

  set lr(value: number) {
    this.#lr = checkNonNegative(this.#name, 'lr', value);
  }

  /** Applies one update to every parameter that has a gradient; parameters without one are skipped. */
  abstract step(): void;

  /** Clears every parameter's gradient (`grad = null`), ready for the next `backward()`. */
  zeroGrad(): void {
    for (const parameter of this.parameters) parameter.zeroGrad();
  }

  /**
   * Internal: every parameter's gradient tensor (null for a parameter without one), all checked before a step writes
   * anything: a gradient of the wrong dtype or shape, or a value that no longer fits its optimizer state
   * (`states[index]`, a momentum buffer or Adam's first moment, null before the first step), throws before any
   * parameter moves, so a rejected step changes nothing.
   */
  protected checkedGradients(states: readonly (Tensor | null)[]): (Tensor | null)[] {
    const count = this.parameters.length;
    const gradients = new Array<Tensor | null>(count);
    for (let index = 0; index < count; index++) {
      const grad = this.gradientOf(this.parameters[index]!, index);
      const state = states[index];
      if (grad !== null && state != null) this.checkStateSize(index, state);
      gradients[index] = grad;
    }
    return gradients;
  }

  /** Internal: the parameter's gradient tensor, checked against its value; null when it has no gradient. */
  protected gradientOf(parameter: Parameter, index = this.parameters.indexOf(parameter)): Tensor | null {
    if (parameter.grad === null) return null;
    if (!isVar(parameter.grad)) {
      throw new ValueError(
        `${this.#name}: parameter ${index}'s grad must be a Var (or null); got ${describeValue(parameter.grad)}`,
      );
    }
    const value = parameter.value;
    const grad = parameter.grad.value;
    if (grad.dtype !== value.dtype) {
      throw new DTypeError(
        `${this.#name}: gradient is ${grad.dtype} but the parameter is ${value.dtype}; expected one dtype`,
      );
    }
    if (!shapesEqual(grad.shape, value.shape)) {
      throw new ShapeError(
        `${this.#name}: gradient of shape ${formatShape(grad.shape)} does not match its parameter's shape ${formatShape(value.shape)}`,
      );
    }
    return grad;
  }

  /**
   * Internal: throws a ShapeError when `parameters[index]` no longer has as many elements as its optimizer `state`
   * (momentum buffer, Adam moments) was made for: its `value` was replaced by a tensor of another size.
   */
  protected checkStateSize(index: number, state: Tensor): void {
    const value = this.parameters[index]!.value;
    if (state.size === value.size) return;
    throw new ShapeError(
      `${this.#name}: parameter ${index} now has shape ${formatShape(value.shape)} (${value.size} elements) ` +
        `but its optimizer state was made for ${state.size} elements; expected a value of the original shape (or a new optimizer)`,
    );
  }

  /**
   * Internal: where the new values of `parameters[index]` go: its value itself (an update in place) when the
   * parameter still holds the tensor this optimizer created at an earlier step, else a new zero tensor.
   * NOTE: writing in place saves an allocation per parameter and step. It never touches a tensor the caller made
   * or the Parameter's initial copy: those are replaced at the first step (and again after `value` is reassigned).
   */
  protected updateTarget(index: number): Tensor {
    const value = this.parameters[index]!.value;
    return value === this.#ownValues[index] ? value : zerosLike(value);
  }

  /**
   * Internal: assigns `updated` (from `updateTarget`) to `parameters[index]`. Assigning counts as a change of the
   * parameter even when the update was in place, so a graph computed before it refuses to backward (see `Var.version`).
   */
  protected commit(index: number, updated: Tensor): void {
    this.#ownValues[index] = updated;
    this.parameters[index]!.value = updated;
  }
}

import {
  DTypeError,
  ShapeError,
  type Tensor,
  ValueError,
  formatShape,
  shapesEqual,
  zerosLike,
} from '@chainrule/tensor';
import { invalidateCompiled, isVar } from '@chainrule/autograd';
import { checkNonNegative } from '../check-options';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';
import { readOptimizerStateDict, writeOptimizerStateDict } from './optimizer-state-dict';

/**
 * Base of the optimizers: holds the parameter list (each a `Parameter`, each once), the learning rate, each
 * parameter's state, and `zeroGrad()`, `stateDict()`, `loadStateDict()`. A subclass implements `step()`; the built-in
 * ones call `applyUpdate(kernel)`, which runs an update kernel of @chainrule/tensor (`sgdUpdate`, `adamUpdate`, ...,
 * no graph recorded) for each parameter with a gradient into `updateTarget(index)`: the tensor this optimizer created
 * at the parameter's first step, or a new one; `commit` then assigns it to the parameter. The kernel reads the hyperparameters from the optimizer itself at
 * each call and updates the parameter's state (`stateOf(index)`) in place.
 *
 * @typeParam State - one parameter's state: tensors of the parameter's shape and dtype (moments, buffers) and
 *   numbers (step counts), as `initialState` makes it. `object` (and no state) for an optimizer without any.
 */
export abstract class Optimizer<State extends object = object> {
  /** The parameters this optimizer updates, in the order given. */
  readonly parameters: readonly Parameter[];
  #lr: number;
  readonly #name: string;
  // Per parameter, the value tensor this optimizer created (and so may overwrite), or null.
  readonly #ownValues: (Tensor | null)[];
  // Per parameter, its state (made by initialState at its first step), or null.
  readonly #states: (State | null)[];

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
    this.#states = list.map(() => null);
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
   * anything: a gradient that is not a Var or has the wrong dtype or shape, or a value that no longer fits its
   * optimizer state (a tensor of another size than the state's), throws before any parameter moves or any step is
   * counted, so a rejected step changes nothing. `step()` calls it first.
   */
  protected checkedGradients(): (Tensor | null)[] {
    const count = this.parameters.length;
    const gradients = new Array<Tensor | null>(count);
    for (let index = 0; index < count; index++) {
      const grad = this.gradientOf(this.parameters[index]!, index);
      if (grad !== null) this.checkStateSizes(index);
      gradients[index] = grad;
    }
    return gradients;
  }

  /**
   * What a run needs to resume exactly, as tensors (so `saveSafetensors` and `stateDictToJSON` write it): `lr` and,
   * for each parameter `i` that has taken a step, its state under `state.i.<name>` (tensors copied, step counts as
   * float64 scalars), e.g. `state.0.step`, `state.0.average`. Hyperparameters other than `lr` are the constructor's
   * options, not state: make the optimizer that loads the dict with the same options.
   */
  stateDict(): Record<string, Tensor> {
    return writeOptimizerStateDict(this.#lr, this.#states);
  }

  /**
   * Restores `lr` and every parameter's state from `dict` (from `stateDict()`), so the next steps equal those the
   * saved optimizer would have taken, bit for bit. A parameter without entries starts afresh. Everything is checked
   * first (a missing `lr`, an unknown key or index, a state entry missing or of the wrong shape or dtype throw one
   * StateDictError listing every problem) and then nothing is changed. The state is new objects, which a compiled
   * step traced before could not see: loading makes compiled functions trace again (`invalidateCompiled`).
   */
  loadStateDict(dict: Readonly<Record<string, Tensor>>): void {
    const { lr, states } = readOptimizerStateDict(this.#name, dict, this.parameters, (value) =>
      this.initialState(value),
    );
    this.#lr = lr;
    states.forEach((state, index) => {
      this.#states[index] = state;
    });
    invalidateCompiled();
  }

  /**
   * Internal: a fresh state for a parameter whose value is `value`, made at its first step: zero tensors of the
   * value's shape and dtype and zero step counts (null entries for parts the options leave out). The default, for an
   * optimizer without per-parameter state, is null.
   */
  protected initialState(_value: Tensor): State | null {
    return null;
  }

  /**
   * Internal: the state of `parameters[index]`, made by `initialState` at its first use; a ShapeError when the
   * parameter's value was since replaced by one of another size than its state's tensors.
   */
  protected stateOf(index: number): State | null {
    const existing = this.#states[index];
    if (existing === null || existing === undefined) {
      const state = this.initialState(this.parameters[index]!.value);
      this.#states[index] = state;
      return state;
    }
    this.checkStateSizes(index);
    return existing;
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

  /** Internal: `checkStateSize` for each tensor of the state of `parameters[index]` (none before its first step). */
  protected checkStateSizes(index: number): void {
    const state = this.#states[index];
    if (state === null || state === undefined) return;
    // NOTE: `for...in` over the state's own keys, not `Object.values`: this runs twice per parameter per step, and
    // an array made each time cost ~8% of the reference network's eager step (measured).
    for (const key in state) {
      const entry = (state as Record<string, unknown>)[key];
      if (entry !== null && typeof entry === 'object') this.checkStateSize(index, entry as Tensor);
    }
  }

  /**
   * Internal: throws a ShapeError when `parameters[index]` no longer has as many elements as its optimizer `state`
   * tensor (momentum buffer, Adam moments) was made for: its `value` was replaced by a tensor of another size.
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
   * Internal: one step of an update kernel of @chainrule/tensor (`sgdUpdate`, `adamUpdate`, ...) over every parameter
   * that has a gradient, all checked first (all of them move, or none): for each, `update(target, value, grad,
   * state, this)` writes the new values into `updateTarget(index)`, which `commit` then assigns. A built-in
   * optimizer's `step()` is this call with its kernel.
   */
  protected applyUpdate(update: (out: Tensor, value: Tensor, grad: Tensor, state: State, options: this) => void): void {
    const gradients = this.checkedGradients();
    for (let index = 0; index < this.parameters.length; index++) {
      const grad = gradients[index]!;
      if (grad === null) continue;
      const state = this.stateOf(index) as State;
      const updated = this.updateTarget(index);
      update(updated, this.parameters[index]!.value, grad, state, this);
      this.commit(index, updated);
    }
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

import { type Var, invalidateCompiled } from '@chainrule/autograd';
import { Tensor, ValueError, shapesEqual } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';
import { moduleBrand, trainingKey } from './brand';
import { StateDictError } from './errors';
import { ModuleBuffer, Parameter } from './parameter';
import { summaryTable } from './summary';
import { describeNonRecord, describeTensor, describeValue, isPlainRecord } from './tensor-utils';

/** Options of `Module.loadStateDict`. */
export interface LoadStateDictOptions {
  /** When true (the default), a missing or an unexpected key is an error; shapes and dtypes are always checked. */
  strict?: boolean;
}

/**
 * Base class of every layer and model. A subclass declares its parameters, buffers and child modules as fields and
 * implements `forward`; nothing is registered. `Module` finds them by walking its own enumerable fields in
 * declaration order: `Parameter` values, `ModuleBuffer` values, `Module` values (recursively) and arrays of any of
 * them (nested arrays too). Names are dotted paths of field names and array indices, e.g. `layers.0.weight` or
 * `block.inner.bias`. Other values (numbers, tensors, plain objects, Maps) are not walked. A Parameter, buffer or
 * Module reachable twice is listed once, under its first name. A module is in training mode until `.eval()`.
 */
export abstract class Module {
  /** @internal The mode: true (training, the default) or false (evaluation). A symbol key: the walk never sees it. */
  [trainingKey] = true;

  /** The computation. Subclasses choose their own arguments (`forward(x: Var)` for most layers). */
  abstract forward(...inputs: unknown[]): Var;

  /**
   * `[name, parameter]` for every Parameter of this module and its descendants, depth first in declaration order
   * (a child module's parameters come where the child's field is declared).
   */
  namedParameters(): [string, Parameter][] {
    return namedTensors(this).filter((entry): entry is [string, Parameter] => entry[1] instanceof Parameter);
  }

  /** Every Parameter of this module and its descendants, in declaration order (what an optimizer takes). */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  /** `[name, buffer]` for every `ModuleBuffer` of this module and its descendants, in declaration order. */
  namedBuffers(): [string, ModuleBuffer][] {
    return namedTensors(this).filter((entry): entry is [string, ModuleBuffer] => entry[1] instanceof ModuleBuffer);
  }

  /** Every `ModuleBuffer` of this module and its descendants, in declaration order. */
  buffers(): ModuleBuffer[] {
    return this.namedBuffers().map(([, buffer]) => buffer);
  }

  /**
   * `[name, module]` for this module (named `''`) and every descendant, depth first in declaration order
   * (`layers.0`, `layers.0.inner`, ...). A module reachable twice (or in a cycle) is listed once.
   */
  namedModules(): [string, Module][] {
    const found: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (prefix: string, module: Module): void => {
      seen.add(module);
      found.push([prefix, module]);
      for (const [name, value] of ownMembers(module)) {
        if (value instanceof Module && !seen.has(value)) visit(prefix === '' ? name : `${prefix}.${name}`, value);
      }
    };
    visit('', this);
    return found;
  }

  /** This module and every descendant module, depth first in declaration order. */
  modules(): Module[] {
    return this.namedModules().map(([, module]) => module);
  }

  /** True in training mode (the default, and after `.train()`), false after `.eval()`. */
  get training(): boolean {
    return this[trainingKey];
  }

  /**
   * Sets training mode (`mode = true`) or evaluation mode (`false`) on this module and every descendant, and returns
   * this module. Layers such as `Dropout` behave differently in the two modes; most layers ignore the mode. A change
   * of mode makes compiled functions trace again (`invalidateCompiled`), since a trace follows the mode it saw.
   */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ValueError(`train: mode must be a boolean; got ${describeValue(mode)}`);
    let changed = false;
    for (const module of this.modules()) {
      if (module[trainingKey] !== mode) changed = true;
      module[trainingKey] = mode;
    }
    if (changed) invalidateCompiled();
    return this;
  }

  /** Evaluation mode for this module and every descendant (the same as `.train(false)`); returns this module. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter (`grad = null`). */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.zeroGrad();
  }

  /**
   * `name -> copy of the value` for every parameter and buffer, in declaration order; later training does not change
   * it. Every name is an own key, even a field named `__proto__` (which an assignment would turn into the dict's
   * prototype, dropping the entry); the file formats refuse that name with a typed error.
   */
  stateDict(): Record<string, Tensor> {
    const dict: Record<string, Tensor> = {};
    for (const [name, entry] of namedTensors(this)) {
      Object.defineProperty(dict, name, {
        value: entry.value.clone(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return dict;
  }

  /**
   * Replaces every parameter's and buffer's value with a copy of `dict[name]`. Every entry is checked first: a value
   * that is not a Tensor, a wrong shape or dtype, and (with `strict`, the default) a missing or unexpected key throw a
   * StateDictError naming the keys and shapes, and then nothing is changed. Gradients are left as they are.
   */
  loadStateDict(dict: Readonly<Record<string, Tensor>>, options?: LoadStateDictOptions): void {
    if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
      throw new ValueError(`loadStateDict: options must be an object; got ${describeValue(options)}`);
    }
    const strict = options?.strict === undefined ? true : options.strict;
    if (typeof strict !== 'boolean') {
      throw new ValueError(`loadStateDict: options.strict must be a boolean; got ${describeValue(strict)}`);
    }
    if (!isPlainRecord(dict)) {
      throw new StateDictError(
        `loadStateDict: expected a plain object of name -> Tensor (such as model.stateDict()); got ${describeNonRecord(dict)}`,
      );
    }
    const named = namedTensors(this);
    const problems: string[] = [];
    const missing: string[] = [];
    const mismatched: string[] = [];
    const updates: [Var, Tensor][] = [];
    const known = new Set<string>();
    for (const [name, entry] of named) {
      known.add(name);
      const expected = describeTensor(entry.value);
      if (!Object.hasOwn(dict, name)) {
        if (strict) {
          missing.push(name);
          problems.push(`missing key '${name}' (expected ${expected})`);
        }
        continue;
      }
      const value: unknown = dict[name];
      if (!(value instanceof Tensor)) {
        mismatched.push(name);
        problems.push(`'${name}' must be a Tensor; got ${describeValue(value)}`);
      } else if (!shapesEqual(value.shape, entry.value.shape) || value.dtype !== entry.value.dtype) {
        mismatched.push(name);
        problems.push(`'${name}' is ${describeTensor(value)}, expected ${expected}`);
      } else {
        updates.push([entry, value]);
      }
    }
    const unexpected = strict ? Object.keys(dict).filter((name) => !known.has(name)) : [];
    for (const name of unexpected) problems.push(`unexpected key '${name}'`);
    if (problems.length > 0) {
      throw new StateDictError(`loadStateDict: ${problems.join('; ')}`, { missing, unexpected, mismatched });
    }
    for (const [entry, value] of updates) entry.value = value.clone();
  }

  /**
   * A table of every parameter (name, shape, dtype, number of elements) and the total, then the same for the
   * buffers if there are any. Print it: `console.log(model.summary())`.
   */
  summary(): string {
    return summaryTable(this.namedParameters(), this.namedBuffers());
  }

  // `instanceof Module` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, moduleBrand);
  }
}

/** Every Parameter and ModuleBuffer below `root`, depth first in declaration order, each once under its first name. */
function namedTensors(root: Module): [string, Parameter | ModuleBuffer][] {
  const found: [string, Parameter | ModuleBuffer][] = [];
  const seenTensors = new Set<Var>();
  const seenModules = new Set<Module>();
  const visit = (prefix: string, module: Module): void => {
    seenModules.add(module);
    for (const [name, value] of ownMembers(module)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (!(value instanceof Module)) {
        if (!seenTensors.has(value)) {
          seenTensors.add(value);
          found.push([path, value]);
        }
      } else if (!seenModules.has(value)) {
        visit(path, value);
      }
    }
  };
  visit('', root);
  return found;
}

/** The walkable members of one module: own enumerable fields, arrays flattened into `field.index` names. */
function ownMembers(module: Module): [string, Parameter | ModuleBuffer | Module][] {
  const members: [string, Parameter | ModuleBuffer | Module][] = [];
  const visitArray = (prefix: string, values: readonly unknown[], path: Set<readonly unknown[]>): void => {
    if (path.has(values)) return; // an array that contains itself
    path.add(values);
    values.forEach((value, index) => visitValue(`${prefix}.${index}`, value, path));
    path.delete(values);
  };
  const visitValue = (name: string, value: unknown, path: Set<readonly unknown[]>): void => {
    if (value instanceof Parameter || value instanceof Module || value instanceof ModuleBuffer) {
      members.push([name, value]);
    } else if (Array.isArray(value)) visitArray(name, value, path);
  };
  for (const name of Object.keys(module))
    visitValue(name, (module as unknown as Record<string, unknown>)[name], new Set());
  return members;
}

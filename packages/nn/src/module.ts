import type { Var } from '@chainrule/autograd';
import { Tensor, ValueError, shapesEqual } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';
import { moduleBrand } from './brand';
import { StateDictError } from './errors';
import { Parameter } from './parameter';
import { describeNonRecord, describeTensor, describeValue, isPlainRecord } from './tensor-utils';

/** Options of `Module.loadStateDict`. */
export interface LoadStateDictOptions {
  /** When true (the default), a missing or an unexpected key is an error; shapes and dtypes are always checked. */
  strict?: boolean;
}

/**
 * Base class of every layer and model. A subclass declares its parameters and child modules as fields and
 * implements `forward`; nothing is registered. `Module` finds them by walking its own enumerable fields in
 * declaration order: `Parameter` values, `Module` values (recursively) and arrays of either (nested arrays too).
 * Names are dotted paths of field names and array indices, e.g. `layers.0.weight` or `block.inner.bias`.
 * Other values (numbers, tensors, plain objects, Maps) are not walked. A Parameter or Module reachable twice is
 * listed once, under its first name.
 */
export abstract class Module {
  /** The computation. Subclasses choose their own arguments (`forward(x: Var)` for most layers). */
  abstract forward(...inputs: unknown[]): Var;

  /**
   * `[name, parameter]` for every Parameter of this module and its descendants, depth first in declaration order
   * (a child module's parameters come where the child's field is declared).
   */
  namedParameters(): [string, Parameter][] {
    const found: [string, Parameter][] = [];
    const seenParameters = new Set<Parameter>();
    const seenModules = new Set<Module>();
    const visit = (prefix: string, module: Module): void => {
      seenModules.add(module);
      for (const [name, value] of ownMembers(module)) {
        const path = prefix === '' ? name : `${prefix}.${name}`;
        if (value instanceof Parameter) {
          if (!seenParameters.has(value)) {
            seenParameters.add(value);
            found.push([path, value]);
          }
        } else if (!seenModules.has(value)) {
          visit(path, value);
        }
      }
    };
    visit('', this);
    return found;
  }

  /** Every Parameter of this module and its descendants, in declaration order (what an optimizer takes). */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, parameter]) => parameter);
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

  /** Clears the gradient of every parameter (`grad = null`). */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.zeroGrad();
  }

  /**
   * `name -> copy of the parameter's value` for every parameter, in declaration order; later training does not change
   * it. Every name is an own key, even a field named `__proto__` (which an assignment would turn into the dict's
   * prototype, dropping the parameter); the file formats refuse that name with a typed error.
   */
  stateDict(): Record<string, Tensor> {
    const dict: Record<string, Tensor> = {};
    for (const [name, parameter] of this.namedParameters()) {
      Object.defineProperty(dict, name, {
        value: parameter.value.clone(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return dict;
  }

  /**
   * Replaces every parameter's value with a copy of `dict[name]`. Every entry is checked first: a value that is not
   * a Tensor, a wrong shape or dtype, and (with `strict`, the default) a missing or unexpected key throw a
   * StateDictError naming the keys and shapes, and then no parameter is changed. Gradients are left as they are.
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
    const named = this.namedParameters();
    const problems: string[] = [];
    const missing: string[] = [];
    const mismatched: string[] = [];
    const updates: [Parameter, Tensor][] = [];
    const known = new Set<string>();
    for (const [name, parameter] of named) {
      known.add(name);
      const expected = describeTensor(parameter.value);
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
      } else if (!shapesEqual(value.shape, parameter.value.shape) || value.dtype !== parameter.value.dtype) {
        mismatched.push(name);
        problems.push(`'${name}' is ${describeTensor(value)}, expected ${expected}`);
      } else {
        updates.push([parameter, value]);
      }
    }
    const unexpected = strict ? Object.keys(dict).filter((name) => !known.has(name)) : [];
    for (const name of unexpected) problems.push(`unexpected key '${name}'`);
    if (problems.length > 0) {
      throw new StateDictError(`loadStateDict: ${problems.join('; ')}`, { missing, unexpected, mismatched });
    }
    for (const [parameter, value] of updates) parameter.value = value.clone();
  }

  // `instanceof Module` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, moduleBrand);
  }
}

/** The walkable members of one module: own enumerable fields, arrays flattened into `field.index` names. */
function ownMembers(module: Module): [string, Parameter | Module][] {
  const members: [string, Parameter | Module][] = [];
  const visitArray = (prefix: string, values: readonly unknown[], path: Set<readonly unknown[]>): void => {
    if (path.has(values)) return; // an array that contains itself
    path.add(values);
    values.forEach((value, index) => visitValue(`${prefix}.${index}`, value, path));
    path.delete(values);
  };
  const visitValue = (name: string, value: unknown, path: Set<readonly unknown[]>): void => {
    if (value instanceof Parameter || value instanceof Module) members.push([name, value]);
    else if (Array.isArray(value)) visitArray(name, value, path);
  };
  for (const name of Object.keys(module))
    visitValue(name, (module as unknown as Record<string, unknown>)[name], new Set());
  return members;
}

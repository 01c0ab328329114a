import { type Tensor, ValueError, isTensor, shapesEqual, transpose } from '@chainrule/tensor';
import { StateDictError } from '../errors';
import { Dense } from '../layers/dense';
import { Sequential } from '../layers/sequential';
import { type LoadStateDictOptions, Module } from '../module';
import type { Parameter } from '../parameter';
import { describeNonRecord, describeTensor, describeValue, isPlainRecord } from '../tensor-utils';

/** One parameter under both names: chainrule's and PyTorch's, and whether its layout is transposed there. */
interface TorchEntry {
  readonly name: string;
  readonly torchName: string;
  readonly parameter: Parameter;
  /** A `Dense` weight: `[in, out]` here, `[out, in]` in `torch.nn.Linear`. */
  readonly transposed: boolean;
}

/**
 * The model's parameters as PyTorch names them and lays them out, ready for `saveSafetensors` and then
 * `model.load_state_dict(safetensors.torch.load_file(path))` on the equivalent `torch.nn` model:
 * - names: a `Sequential`'s children are `0`, `1`, ... (no `layers.`), as in `torch.nn.Sequential`; other fields keep
 *   their names (`block.inner.0.weight`), arrays of modules their indices (as in `torch.nn.ModuleList`);
 * - layout: a `Dense` weight, `[inFeatures, outFeatures]` here, is transposed to `torch.nn.Linear`'s
 *   `[out_features, in_features]`; biases and other parameters are copied as they are.
 *
 * Every tensor is a fresh contiguous copy, in the parameter's dtype (PyTorch's default is float32).
 *
 * ```ts
 * const bytes = saveSafetensors(toTorchStateDict(model)); // torch.nn.Sequential(Linear(3, 4), Sigmoid(), ...)
 * ```
 */
export function toTorchStateDict(model: Module): Record<string, Tensor> {
  const dict: Record<string, Tensor> = {};
  for (const entry of torchEntries('toTorchStateDict', model)) {
    const value = entry.parameter.value;
    setOwn(dict, entry.torchName, (entry.transposed ? transpose(value) : value).clone());
  }
  return dict;
}

/** `dict[name] = value` as an own key, even for `__proto__` (as `Module.stateDict` does). */
function setOwn(dict: Record<string, Tensor>, name: string, value: Tensor): void {
  Object.defineProperty(dict, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Loads a PyTorch state dict (names and layouts as `toTorchStateDict` describes, e.g. from
 * `loadSafetensors(bytes).tensors` of a file saved by `safetensors.torch.save_file(model.state_dict(), path)`) into
 * the equivalent chainrule model, transposing `Linear` weights into `Dense`'s layout. Every entry is checked first,
 * under its PyTorch name and in PyTorch's layout: a missing or unexpected key (allowed with `{ strict: false }`), a
 * value that is not a Tensor, a wrong shape or dtype throw one StateDictError listing every problem, and the model is
 * left unchanged.
 */
export function loadTorchStateDict(
  model: Module,
  dict: Readonly<Record<string, Tensor>>,
  options: LoadStateDictOptions = {},
): void {
  const entries = torchEntries('loadTorchStateDict', model);
  if (!isPlainRecord(dict)) {
    throw new StateDictError(
      `loadTorchStateDict: expected a plain object of name -> Tensor (such as loadSafetensors(bytes).tensors); got ${describeNonRecord(dict)}`,
    );
  }
  const strict = options?.strict ?? true;
  if (typeof strict !== 'boolean') {
    throw new ValueError(`loadTorchStateDict: options.strict must be a boolean; got ${describeValue(strict)}`);
  }
  const problems: string[] = [];
  const missing: string[] = [];
  const mismatched: string[] = [];
  const converted: Record<string, Tensor> = {};
  for (const { name, torchName, parameter, transposed } of entries) {
    const expectedShape = transposed ? parameter.shape.slice().reverse() : parameter.shape;
    const expected = `[${expectedShape.join(',')}] ${parameter.dtype}${transposed ? " (Linear's [out, in] layout)" : ''}`;
    if (!Object.hasOwn(dict, torchName)) {
      if (strict) {
        missing.push(torchName);
        problems.push(`missing key '${torchName}' (expected ${expected})`);
      }
      continue;
    }
    const value: unknown = dict[torchName];
    if (!isTensor(value)) {
      mismatched.push(torchName);
      problems.push(`'${torchName}' must be a Tensor; got ${describeValue(value)}`);
    } else if (!shapesEqual(value.shape, expectedShape) || value.dtype !== parameter.dtype) {
      mismatched.push(torchName);
      problems.push(`'${torchName}' is ${describeTensor(value)}, expected ${expected}`);
    } else {
      setOwn(converted, name, transposed ? transpose(value) : value);
    }
  }
  const known = new Set(entries.map((entry) => entry.torchName));
  const unexpected = strict ? Object.keys(dict).filter((key) => !known.has(key)) : [];
  for (const key of unexpected) problems.push(`unexpected key '${key}'`);
  if (problems.length > 0) {
    throw new StateDictError(`loadTorchStateDict: ${problems.join('; ')}`, { missing, unexpected, mismatched });
  }
  model.loadStateDict(converted, { strict: false });
}

/** Every parameter of `model` with its PyTorch name, in `namedParameters()` order. */
function torchEntries(op: string, model: Module): TorchEntry[] {
  if (!(model instanceof Module)) throw new StateDictError(`${op}: expected a Module; got ${describeValue(model)}`);
  const modules = new Map(model.namedModules());
  const byTorchName = new Map<string, string>();
  return model.namedParameters().map(([name, parameter]) => {
    const segments = name.split('.');
    // A Sequential's `layers` array is what torch.nn.Sequential's numbered children are: drop that segment.
    const kept = segments.filter(
      (segment, i) =>
        !(
          segment === 'layers' &&
          i < segments.length - 1 &&
          modules.get(segments.slice(0, i).join('.')) instanceof Sequential
        ),
    );
    const torchName = kept.join('.');
    const other = byTorchName.get(torchName);
    if (other !== undefined) {
      throw new StateDictError(
        `${op}: parameters '${other}' and '${name}' would both be named '${torchName}' in PyTorch`,
      );
    }
    byTorchName.set(torchName, name);
    const owner = modules.get(segments.slice(0, -1).join('.'));
    return { name, torchName, parameter, transposed: owner instanceof Dense && segments.at(-1) === 'weight' };
  });
}

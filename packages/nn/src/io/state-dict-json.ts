import { type DType, ShapeError, Tensor, checkShape } from '@chainrule/tensor';
import { StateDictError } from '../errors';
import { describeNonRecord, describeValue, forbiddenKeys, isPlainRecord } from '../tensor-utils';

/** The format tag of a JSON state dict. */
export const STATE_DICT_JSON_FORMAT = 'chainrule-state-dict';

/**
 * The JSON shape written by `stateDictToJSON`:
 * `{ "format": "chainrule-state-dict", "version": 1, "tensors": { "<name>": { "dtype": "float32" | "float64",
 * "shape": [3, 4], "data": [0.5, ...] } } }`, with `data` row-major. JSON has no NaN, infinities or negative zero, so
 * those elements are written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` and `"-0"`.
 */
export interface StateDictJSON {
  format: typeof STATE_DICT_JSON_FORMAT;
  version: 1;
  tensors: Record<string, { dtype: DType; shape: number[]; data: (number | SpecialValue)[] }>;
}

type SpecialValue = 'NaN' | 'Infinity' | '-Infinity' | '-0';

const specialValues: ReadonlyMap<string, number> = new Map([
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
]);

/**
 * A state dict (name -> Tensor) as JSON text in the {@link StateDictJSON} shape; every element round-trips
 * exactly (float32 values are written as the float64 numbers they equal). `space` indents like `JSON.stringify`.
 */
export function stateDictToJSON(dict: Readonly<Record<string, Tensor>>, space?: number): string {
  if (!isPlainRecord(dict)) {
    throw new StateDictError(
      `stateDictToJSON: expected a plain object of name -> Tensor (such as model.stateDict()); got ${describeNonRecord(dict)}`,
    );
  }
  const tensors: StateDictJSON['tensors'] = {};
  for (const name of Object.keys(dict)) {
    if (forbiddenKeys.has(name)) {
      throw new StateDictError(`stateDictToJSON: key '${name}' is not allowed (it could pollute object prototypes)`, {
        unexpected: [name],
      });
    }
    const value = dict[name];
    if (!(value instanceof Tensor)) {
      throw new StateDictError(`stateDictToJSON: value of '${name}' must be a Tensor; got ${describeValue(value)}`, {
        mismatched: [name],
      });
    }
    const source = value.contiguous();
    const data = new Array<number | SpecialValue>(source.size);
    for (let i = 0; i < source.size; i++) data[i] = encodeNumber(source.data[source.offset + i]!);
    tensors[name] = { dtype: value.dtype, shape: [...value.shape], data };
  }
  const document: StateDictJSON = { format: STATE_DICT_JSON_FORMAT, version: 1, tensors };
  return JSON.stringify(document, null, space);
}

/**
 * Reads a state dict from JSON text (or its parsed object) in the {@link StateDictJSON} shape, validating the
 * format tag, each dtype, shape (non-negative integers), data length (the product of the shape) and element
 * (a number, or one of the special strings; float32 elements must fit float32). Problems throw a StateDictError
 * naming the key. The result has a null prototype.
 */
export function stateDictFromJSON(json: string | StateDictJSON): Record<string, Tensor> {
  let document: unknown = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch (error) {
      throw new StateDictError(`stateDictFromJSON: not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(document) || document.format !== STATE_DICT_JSON_FORMAT || document.version !== 1) {
    throw new StateDictError(
      `stateDictFromJSON: expected { format: '${STATE_DICT_JSON_FORMAT}', version: 1, tensors: {...} }; got ${describeDocument(document)}`,
    );
  }
  const tensors = document.tensors;
  if (!isPlainRecord(tensors)) {
    throw new StateDictError(
      `stateDictFromJSON: 'tensors' must be a plain object of name -> tensor; got ${describeNonRecord(tensors)}`,
    );
  }
  const out = Object.create(null) as Record<string, Tensor>;
  for (const name of Object.keys(tensors)) out[name] = readTensor(name, tensors[name]);
  return out;
}

function readTensor(name: string, entry: unknown): Tensor {
  const where = `stateDictFromJSON: tensor '${name}'`;
  const fail = (message: string): never => {
    throw new StateDictError(`${where}: ${message}`, { mismatched: [name] });
  };
  if (forbiddenKeys.has(name)) {
    throw new StateDictError(`${where}: this key is not allowed (it could pollute object prototypes)`, {
      unexpected: [name],
    });
  }
  if (!isObject(entry)) return fail(`expected { dtype, shape, data }; got ${describeValue(entry)}`);
  const { dtype, shape, data } = entry;
  if (dtype !== 'float32' && dtype !== 'float64')
    return fail(`unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'`);
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    return fail(
      `shape must be an array of non-negative integers; got ${Array.isArray(shape) && shape.every((item) => item === null || typeof item !== 'object') ? JSON.stringify(shape) : describeValue(shape)}`,
    );
  }
  try {
    checkShape(shape, where);
  } catch (error) {
    if (error instanceof ShapeError) return fail(error.message.slice(where.length + 2));
    throw error;
  }
  if (!Array.isArray(data)) return fail(`data must be an array; got ${describeValue(data)}`);
  const size = (shape as number[]).reduce((product, dim) => product * dim, 1);
  if (data.length !== size) {
    return fail(`shape [${shape.join(',')}] needs ${size} elements; data has ${data.length}`);
  }
  const values = dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const element: unknown = data[i];
    const number =
      typeof element === 'number' ? element : typeof element === 'string' ? specialValues.get(element) : undefined;
    if (number === undefined) {
      return fail(`data[${i}] must be a number or 'NaN', 'Infinity', '-Infinity', '-0'; got ${describeValue(element)}`);
    }
    values[i] = number;
    if (Number.isFinite(number) && !Number.isFinite(values[i]!)) {
      return fail(`data[${i}] = ${number} is outside the float32 range`);
    }
  }
  return new Tensor(values, shape as number[]);
}

function encodeNumber(value: number): number | SpecialValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeDocument(value: unknown): string {
  if (!isObject(value)) return describeValue(value);
  return `format ${describeValue(value.format)}, version ${describeValue(value.version)}`;
}

import type { Var } from '@chainrule/autograd';
import { type Tensor, formatShape } from '@chainrule/tensor';
import { OnnxExportError } from './errors';
import type { OnnxAttribute, OnnxInput, OnnxLoweringContext } from './lowering';
import type { ElementType, GraphNode, GraphTensor, GraphValue } from './protobuf/onnx-model';

/** Internal: the chainrule node an ONNX node was lowered from, for error messages. */
export interface NodeSource {
  readonly op: string;
  readonly index: number;
  readonly shape: readonly number[];
}

/** Internal: the opset every exported model imports (LayerNormalization arrived in 17; reductions take `axes` as an attribute there, except ReduceSum). */
export const OPSET = 17;

/** Internal: one trace lowered to ONNX nodes (by `exportOnnx`). */
export interface BuiltGraph {
  readonly builder: GraphBuilder;
  readonly inputs: readonly GraphValue[];
  /** The outputs with their traced dims. */
  readonly outputs: readonly GraphValue[];
  /** Batch size of the examples (axis 0 of the first input), for the dynamic batch axis. */
  readonly batch: number;
}

/**
 * Internal: collects the ONNX nodes and initializers of one traced graph, with unique value names. Names chosen by the
 * caller (inputs, outputs, parameters) are reserved first; generated names avoid them.
 */
export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly nodeSources: NodeSource[] = [];
  readonly initializers: GraphTensor[] = [];
  /** Every value name in use (inputs, initializers, node outputs, reserved names). */
  private readonly used = new Set<string>();
  /** Every value that exists in the graph so far: inputs, initializers, node outputs. */
  private readonly defined = new Set<string>();
  /** The next suffix to try per name stem (keeps naming linear in the number of nodes). */
  private readonly nextSuffix = new Map<string, number>();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.used.add(name);
  }

  /** `base`, or `base_2`, `base_3`, ... when taken. */
  uniqueName(base: string): string {
    let name = base;
    let suffix = this.nextSuffix.get(base) ?? 2;
    while (this.used.has(name)) name = `${base}_${suffix++}`;
    this.nextSuffix.set(base, suffix);
    this.used.add(name);
    return name;
  }

  /** Declares a graph input (its name was reserved). */
  defineInput(name: string): void {
    this.defined.add(name);
  }

  /** True when `name` is a value of the graph (an input, an initializer or a node output). */
  isDefined(name: string): boolean {
    return this.defined.has(name);
  }

  /** Adds an initializer holding `tensor`'s elements under `name` (already reserved or unique) and returns the name. */
  addTensor(name: string, tensor: Tensor): string {
    const type = elementTypeOf(tensor.dtype);
    const values = tensor.contiguous();
    const size = values.size;
    const bytes = new Uint8Array(size * (type === 'float64' ? 8 : 4));
    const view = new DataView(bytes.buffer);
    const data = values.data;
    const offset = values.offset;
    if (type === 'float64') for (let i = 0; i < size; i++) view.setFloat64(i * 8, data[offset + i]!, true);
    else if (type === 'float32') for (let i = 0; i < size; i++) view.setFloat32(i * 4, data[offset + i]!, true);
    else for (let i = 0; i < size; i++) view.setInt32(i * 4, data[offset + i]!, true);
    return this.pushInitializer({ name, type, dims: tensor.shape.slice(), bytes });
  }

  /** Adds a 1-D int64 constant and returns its name. */
  addInt64s(base: string, values: readonly number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
    return this.pushInitializer({ name: this.uniqueName(base), type: 'int64', dims: [values.length], bytes });
  }

  /** Adds a node with one output, `output` (a name from `uniqueName` or a reserved one), and returns that name. */
  addNode(
    opType: string,
    inputs: readonly string[],
    attributes: readonly (readonly [string, OnnxAttribute])[],
    output: string,
    source: NodeSource,
  ): string {
    this.nodes.push({ opType, inputs: inputs.slice(), outputs: [output], name: output, attributes });
    this.nodeSources.push(source);
    this.defined.add(output);
    return output;
  }

  /** True when `name` is the output of a node (not an input or an initializer). */
  isNodeOutput(name: string): boolean {
    return this.nodes.some((node) => node.outputs.includes(name));
  }

  /** Renames the value `from` to `to` (a reserved name) in every node that makes or reads it. */
  rename(from: string, to: string): void {
    for (const node of this.nodes) {
      node.inputs.forEach((input, i) => {
        if (input === from) node.inputs[i] = to;
      });
      node.outputs.forEach((output, i) => {
        if (output === from) node.outputs[i] = to;
      });
    }
    this.defined.delete(from);
    this.defined.add(to);
  }

  /** The context a lowering of `node` (the `index`-th op of the trace) works with. */
  contextFor(node: Var, index: number, inputs: readonly OnnxInput[], attrs: unknown): OnnxLoweringContext {
    const source: NodeSource = { op: node.op, index, shape: node.shape };
    const where = `exportOnnx: the lowering of '${node.op}' (node ${index}, output ${formatShape(node.shape)} ${node.dtype})`;
    const base = sanitize(node.op);
    return {
      op: node.op,
      inputs,
      output: { shape: node.shape, dtype: node.dtype },
      attrs,
      opset: OPSET,
      node: (opType, nodeInputs, attributes) => {
        if (typeof opType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(opType)) {
          throw new OnnxExportError(
            `${where} asked for ONNX op ${JSON.stringify(opType)}; expected an op name such as 'Add'`,
          );
        }
        if (!Array.isArray(nodeInputs)) {
          throw new OnnxExportError(
            `${where}: the inputs of ${opType} must be an array of values; got ${typeof nodeInputs}`,
          );
        }
        const names = nodeInputs.map((value: unknown, i) => this.inputName(value, `${where}: input ${i} of ${opType}`));
        const checked = checkAttributes(attributes, `${where}: ${opType}`);
        return { name: this.addNode(opType, names, checked, this.uniqueName(base), source) };
      },
      int64s: (values) => {
        if (!Array.isArray(values) || !values.every((value) => Number.isSafeInteger(value))) {
          throw new OnnxExportError(`${where}: int64s takes an array of safe integers; got ${describe(values)}`);
        }
        return { name: this.addInt64s(`${base}_${index}_constant`, values) };
      },
      constant: (value) => {
        if (value === null || typeof value !== 'object' || !('dtype' in value)) {
          throw new OnnxExportError(`${where}: constant takes a Tensor; got ${describe(value)}`);
        }
        return { name: this.addTensor(this.uniqueName(`${base}_${index}_constant`), value) };
      },
    };
  }

  /** Checks that `value` names a value of this graph (`''`: an omitted optional input) and returns the name. */
  inputName(value: unknown, where: string): string {
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || (name !== '' && !this.defined.has(name))) {
      throw new OnnxExportError(
        `${where} is ${describe(value)}; expected a value of this graph (an input of the node, or what node() returned)`,
      );
    }
    return name;
  }

  private pushInitializer(tensor: GraphTensor): string {
    this.initializers.push(tensor);
    this.defined.add(tensor.name);
    return tensor.name;
  }
}

/** Internal: the ONNX element type of a chainrule dtype. */
export function elementTypeOf(dtype: string): ElementType {
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'int32') return dtype;
  throw new OnnxExportError(
    `exportOnnx: dtype ${dtype} has no ONNX counterpart here; expected float32, float64 or int32`,
  );
}

/** An op name as a value-name stem: `dense+sigmoid` becomes `dense_sigmoid`. */
function sanitize(op: string): string {
  return op.replace(/[^A-Za-z0-9_]/g, '_') || 'op';
}

const attributeKinds = ['int', 'ints', 'float', 'floats', 'string'] as const;

/** Validates a lowering's attributes and returns them as ordered pairs. */
function checkAttributes(attributes: unknown, where: string): [string, OnnxAttribute][] {
  if (attributes === undefined) return [];
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw new OnnxExportError(
      `${where}: attributes must be an object of name -> { int | ints | float | floats | string }`,
    );
  }
  return Object.entries(attributes).map(([name, value]): [string, OnnxAttribute] => {
    const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
    const kind = keys.length === 1 ? attributeKinds.find((candidate) => candidate === keys[0]) : undefined;
    const content = kind === undefined ? undefined : (value as Record<string, unknown>)[kind];
    const valid =
      (kind === 'int' && Number.isSafeInteger(content)) ||
      (kind === 'float' && typeof content === 'number') ||
      (kind === 'string' && typeof content === 'string') ||
      (kind === 'ints' && Array.isArray(content) && content.every((entry) => Number.isSafeInteger(entry))) ||
      (kind === 'floats' && Array.isArray(content) && content.every((entry) => typeof entry === 'number'));
    if (!valid) {
      throw new OnnxExportError(
        `${where}: attribute '${name}' is ${describe(value)}; expected one of { int: n }, { ints: [...] }, { float: x }, { floats: [...] }, { string: s } (integers safe)`,
      );
    }
    return [name, value as OnnxAttribute];
  });
}

/** Short description of an unexpected value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value))
    return `[${value.map((entry) => (typeof entry === 'number' ? entry : typeof entry)).join(',')}]`;
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? 'an object';
    } catch {
      return 'an object';
    }
  }
  if (typeof value === 'string') return `'${value}'`;
  return `${typeof value} ${String(value)}`;
}

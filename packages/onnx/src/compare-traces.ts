import * as T from '@chainrule/tensor';
import { type Tensor, formatShape } from '@chainrule/tensor';
import { OnnxExportError } from './errors';
import type { BuiltGraph } from './graph-builder';
import type { GraphNode, GraphTensor, GraphValue } from './protobuf/onnx-model';

/** Seed of the second trace's values: fixed, so an export is reproducible. */
const SEED = 19;

/**
 * Internal: the inputs of the second trace: each example with every element scaled by a random factor in [0.5, 1.5)
 * (zeros become values in [−0.5, 0.5)), and with `dynamicBatch`, one more row on axis 0 (a copy of the first).
 * Scaling keeps signs, so a model that needs positive inputs still gets them. An int32 example (indices, labels)
 * keeps its values but moves them: each element takes the value of the one before it in row-major order (the first
 * takes the last's), so indices stay in range and the tensor changes whenever it holds two different values.
 */
export function secondTraceInputs(examples: readonly Tensor[], dynamicBatch: boolean): Tensor[] {
  const rng = new T.Rng(SEED);
  return examples.map((example) => {
    const grown = dynamicBatch ? T.concat([example, T.slice(example, [0], [1])], 0) : example;
    if (grown.dtype === 'int32') return rotated(grown);
    const factors = rng.uniform(grown.shape, 0.5, 1.5, { dtype: grown.dtype });
    return T.add(T.mul(grown, factors), T.mul(T.equal(grown, 0), T.sub(factors, 1)));
  });
}

/** `x` with its elements moved one place on in row-major order, the last becoming the first. */
function rotated(x: Tensor): Tensor {
  if (x.size < 2) return x;
  const flat = T.reshape(x, [x.size]);
  return T.reshape(T.concat([T.slice(flat, [x.size - 1]), T.slice(flat, [0], [x.size - 1])], 0), x.shape);
}

/**
 * Internal: checks that two traces (on the examples, and on `secondTraceInputs`) lowered to the same ONNX graph, and
 * returns the graph outputs with their dims: a dimension that changed with the batch size is `'batch'` (or unknown
 * when it changed otherwise, e.g. a flattened batch).
 */
export function compareTraces(first: BuiltGraph, second: BuiltGraph, dynamicBatch: boolean): GraphValue[] {
  const changed = dynamicBatch
    ? `the examples with batch ${first.batch} and other values with batch ${second.batch}`
    : 'the examples and other values of the same shapes';
  const fail = (detail: string): never => {
    throw new OnnxExportError(
      `exportOnnx: the traced graph depends on the example inputs' ${dynamicBatch ? 'values or batch size' : 'values'}, so no ONNX graph stands for it: traced on ${changed}, ${detail}. Common causes: a tensor computed from an input's .value used as a constant (e.g. T.max(x.value)), a reshape, broadcast or slice whose shape holds the batch size (write -1 or leave the bound out), an op on int32 inputs alone (not recorded: integers have no gradient), a module in training mode (Dropout draws a new mask at each pass: call model.eval() before exporting), or control flow on values`,
    );
  };
  const a = first.builder;
  const b = second.builder;
  const count = Math.min(a.nodes.length, b.nodes.length);
  for (let i = 0; i < count; i++) {
    const difference = nodeDifference(a.nodes[i]!, b.nodes[i]!);
    if (difference !== null) fail(`${describeSource(first, i)} ${difference}`);
  }
  if (a.nodes.length !== b.nodes.length) {
    fail(`one gives ${a.nodes.length} ONNX nodes and the other ${b.nodes.length}`);
  }
  const tensors = new Map(b.initializers.map((tensor) => [tensor.name, tensor]));
  for (const tensor of a.initializers) {
    const other = tensors.get(tensor.name);
    if (other === undefined || !sameTensor(tensor, other)) {
      const reader = a.nodes.findIndex((node) => node.inputs.includes(tensor.name));
      const role = reader < 0 ? '' : `, read by ${describeSource(first, reader)}`;
      fail(
        `constant '${tensor.name}'${role} holds ${preview(tensor)} in the first and ${other === undefined ? 'nothing' : preview(other)} in the second`,
      );
    }
  }
  return first.outputs.map((output, i) => {
    const traced = second.outputs[i]!;
    if (output.dims.length !== traced.dims.length) {
      fail(
        `output '${output.name}' has rank ${output.dims.length} in the first and ${traced.dims.length} in the second`,
      );
    }
    const dims = output.dims.map((dim, axis) => {
      const other = traced.dims[axis];
      if (dim === other) return dim;
      if (!dynamicBatch)
        fail(`output '${output.name}' has dims [${output.dims}] in the first and [${traced.dims}] in the second`);
      return dim === first.batch && other === second.batch ? 'batch' : null;
    });
    return { ...output, dims };
  });
}

/** What differs between two nodes at the same position, or null. */
function nodeDifference(a: GraphNode, b: GraphNode): string | null {
  if (a.opType !== b.opType) return `lowers to ${a.opType} in the first trace and ${b.opType} in the second`;
  if (a.inputs.join('\n') !== b.inputs.join('\n')) {
    return `(${a.opType}) reads [${a.inputs.join(', ')}] in the first trace and [${b.inputs.join(', ')}] in the second`;
  }
  const first = JSON.stringify(a.attributes);
  const second = JSON.stringify(b.attributes);
  if (first !== second) return `(${a.opType}) has attributes ${first} in the first trace and ${second} in the second`;
  return null;
}

function describeSource(graph: BuiltGraph, nodeIndex: number): string {
  const source = graph.builder.nodeSources[nodeIndex]!;
  const opType = graph.builder.nodes[nodeIndex]!.opType;
  if (source.op === 'output') return `the ${opType} of output ${source.index}`;
  return `node ${source.index} ('${source.op}', output ${formatShape(source.shape)}, lowered to ${opType})`;
}

function sameTensor(a: GraphTensor, b: GraphTensor): boolean {
  if (a.type !== b.type || a.dims.join(',') !== b.dims.join(',') || a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** Shape and first elements of an initializer, for error messages. */
function preview(tensor: GraphTensor): string {
  const view = new DataView(tensor.bytes.buffer, tensor.bytes.byteOffset, tensor.bytes.byteLength);
  const width = tensor.type === 'float64' || tensor.type === 'int64' ? 8 : 4;
  const count = tensor.bytes.length / width;
  const shown: string[] = [];
  for (let i = 0; i < Math.min(count, 6); i++) {
    const offset = i * width;
    if (tensor.type === 'float64') shown.push(String(view.getFloat64(offset, true)));
    else if (tensor.type === 'float32') shown.push(String(view.getFloat32(offset, true)));
    else if (tensor.type === 'int64') shown.push(String(view.getBigInt64(offset, true)));
    else shown.push(String(view.getInt32(offset, true)));
  }
  return `${formatShape(tensor.dims)} [${shown.join(', ')}${count > 6 ? ', ...' : ''}]`;
}

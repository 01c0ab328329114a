import type { OnnxAttribute } from '../lowering';
import { ProtobufWriter } from './protobuf-writer';

/** Internal: element types the exporter writes, with their `TensorProto.DataType` numbers. */
export const elementTypes = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 } as const;

/** Internal: an element type of `elementTypes`. */
export type ElementType = keyof typeof elementTypes;

/** Internal: an initializer, its elements as raw little-endian bytes (ONNX's `raw_data`). */
export interface GraphTensor {
  readonly name: string;
  readonly type: ElementType;
  readonly dims: readonly number[];
  readonly bytes: Uint8Array;
}

/** Internal: one ONNX node of the standard domain. */
export interface GraphNode {
  readonly opType: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly name: string;
  readonly attributes: readonly (readonly [string, OnnxAttribute])[];
}

/** Internal: a graph input or output: name, element type and dims (a number, a symbol such as `'batch'`, or unknown). */
export interface GraphValue {
  readonly name: string;
  readonly type: ElementType;
  readonly dims: readonly (number | string | null)[];
}

/** Internal: everything `encodeModel` writes. */
export interface ModelGraph {
  readonly name: string;
  readonly nodes: readonly GraphNode[];
  readonly initializers: readonly GraphTensor[];
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
}

/** Internal: what the ModelProto says about itself. */
export interface ModelHeader {
  readonly irVersion: number;
  readonly opset: number;
  readonly producerName: string;
}

// Field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
// TypeProto, TensorShapeProto, OperatorSetIdProto).
const attributeTypes = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

/** Internal: the bytes of an ONNX ModelProto holding `graph`. */
export function encodeModel(graph: ModelGraph, header: ModelHeader): Uint8Array {
  const model = new ProtobufWriter()
    .varint(1, header.irVersion)
    .string(2, header.producerName)
    .message(7, encodeGraph(graph))
    .message(8, new ProtobufWriter().string(1, '').varint(2, header.opset));
  return model.finish();
}

function encodeGraph(graph: ModelGraph): ProtobufWriter {
  const writer = new ProtobufWriter();
  for (const node of graph.nodes) writer.message(1, encodeNode(node));
  writer.string(2, graph.name);
  for (const tensor of graph.initializers) writer.message(5, encodeTensor(tensor));
  for (const input of graph.inputs) writer.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) writer.message(12, encodeValueInfo(output));
  return writer;
}

function encodeNode(node: GraphNode): ProtobufWriter {
  const writer = new ProtobufWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name).string(4, node.opType);
  for (const [name, value] of node.attributes) writer.message(5, encodeAttribute(name, value));
  return writer;
}

function encodeAttribute(name: string, attribute: OnnxAttribute): ProtobufWriter {
  const writer = new ProtobufWriter().string(1, name);
  if ('int' in attribute) writer.varint(20, attributeTypes.int).varint(3, attribute.int);
  else if ('float' in attribute) writer.varint(20, attributeTypes.float).float(2, attribute.float);
  else if ('string' in attribute) writer.varint(20, attributeTypes.string).string(4, attribute.string);
  else if ('ints' in attribute) {
    writer.varint(20, attributeTypes.ints);
    for (const value of attribute.ints) writer.varint(8, value);
  } else {
    writer.varint(20, attributeTypes.floats);
    for (const value of attribute.floats) writer.float(7, value);
  }
  return writer;
}

function encodeTensor(tensor: GraphTensor): ProtobufWriter {
  const writer = new ProtobufWriter();
  for (const dim of tensor.dims) writer.varint(1, dim);
  return writer.varint(2, elementTypes[tensor.type]).string(8, tensor.name).bytes(9, tensor.bytes);
}

function encodeValueInfo(value: GraphValue): ProtobufWriter {
  const shape = new ProtobufWriter();
  for (const dim of value.dims) {
    const dimension = new ProtobufWriter();
    if (typeof dim === 'number') dimension.varint(1, dim);
    else if (typeof dim === 'string') dimension.string(2, dim);
    shape.message(1, dimension);
  }
  const tensorType = new ProtobufWriter().varint(1, elementTypes[value.type]).message(2, shape);
  return new ProtobufWriter().string(1, value.name).message(2, new ProtobufWriter().message(1, tensorType));
}

// A protobuf reader for the tests: it decodes the exporter's bytes independently of the writer, so the tests can check
// what the model says (names, element types, dims, attributes) beyond what ONNX Runtime exposes.

/** One decoded field value: a varint (as bigint), a fixed32 (as its 4 bytes) or a length-delimited byte string. */
type FieldValue = bigint | Uint8Array;

/** The fields of one message, by number, in order. */
export type Message = Map<number, FieldValue[]>;

export function decodeMessage(bytes: Uint8Array): Message {
  const fields: Message = new Map();
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = bytes[offset++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
      shift += 7n;
    }
  };
  while (offset < bytes.length) {
    const tag = Number(varint());
    const field = tag >> 3;
    const wireType = tag & 7;
    let value: FieldValue;
    if (wireType === 0) value = varint();
    else if (wireType === 5) {
      value = bytes.slice(offset, offset + 4);
      offset += 4;
    } else if (wireType === 2) {
      const length = Number(varint());
      value = bytes.slice(offset, offset + length);
      offset += length;
    } else throw new Error(`unexpected wire type ${wireType}`);
    if (offset > bytes.length) throw new Error('truncated message');
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const utf8 = new TextDecoder();

export function strings(message: Message, field: number): string[] {
  return (message.get(field) ?? []).map((value) => utf8.decode(value as Uint8Array));
}

export function messages(message: Message, field: number): Message[] {
  return (message.get(field) ?? []).map((value) => decodeMessage(value as Uint8Array));
}

/** Varints as signed 64-bit numbers. */
export function ints(message: Message, field: number): number[] {
  return (message.get(field) ?? []).map((value) => Number(BigInt.asIntN(64, value as bigint)));
}

const elementTypes: Record<number, string> = { 1: 'float32', 6: 'int32', 7: 'int64', 9: 'bool', 11: 'float64' };

/** The parts of a ModelProto the tests look at. */
export function readModel(bytes: Uint8Array) {
  const model = decodeMessage(bytes);
  const graph = messages(model, 7)[0]!;
  const opset = messages(model, 8).map((entry) => ({ domain: strings(entry, 1)[0] ?? '', version: ints(entry, 2)[0] }));
  const valueInfo = (entry: Message) => {
    const tensorType = messages(messages(entry, 2)[0]!, 1)[0]!;
    const dims = messages(messages(tensorType, 2)[0]!, 1).map((dim) =>
      dim.has(1) ? ints(dim, 1)[0]! : dim.has(2) ? strings(dim, 2)[0]! : null,
    );
    return { name: strings(entry, 1)[0]!, type: elementTypes[ints(tensorType, 1)[0]!]!, dims };
  };
  return {
    irVersion: ints(model, 1)[0],
    producer: strings(model, 2)[0],
    opset,
    graphName: strings(graph, 2)[0],
    nodes: messages(graph, 1).map((node) => ({
      opType: strings(node, 4)[0]!,
      inputs: strings(node, 1),
      outputs: strings(node, 2),
      attributes: Object.fromEntries(
        messages(node, 5).map((attribute) => [strings(attribute, 1)[0]!, attributeValue(attribute)]),
      ),
    })),
    initializers: messages(graph, 5).map((tensor) => {
      const type = elementTypes[ints(tensor, 2)[0]!]!;
      const raw = (tensor.get(9)?.[0] as Uint8Array | undefined) ?? new Uint8Array(0);
      return { name: strings(tensor, 8)[0]!, type, dims: ints(tensor, 1), values: rawValues(type, raw) };
    }),
    inputs: messages(graph, 11).map(valueInfo),
    outputs: messages(graph, 12).map(valueInfo),
  };
}

function attributeValue(attribute: Message): unknown {
  const type = ints(attribute, 20)[0];
  const float = (bytes: FieldValue) => new DataView((bytes as Uint8Array).buffer).getFloat32(0, true);
  if (type === 1) return { float: float(attribute.get(2)![0]!) };
  if (type === 2) return { int: ints(attribute, 3)[0] };
  if (type === 3) return { string: strings(attribute, 4)[0] };
  if (type === 6) return { floats: (attribute.get(7) ?? []).map(float) };
  if (type === 7) return { ints: ints(attribute, 8) };
  throw new Error(`attribute type ${type}`);
}

function rawValues(type: string, raw: Uint8Array): number[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const width = type === 'float64' || type === 'int64' ? 8 : type === 'bool' ? 1 : 4;
  return Array.from({ length: raw.length / width }, (_, i) => {
    if (type === 'float64') return view.getFloat64(i * 8, true);
    if (type === 'float32') return view.getFloat32(i * 4, true);
    if (type === 'int64') return Number(view.getBigInt64(i * 8, true));
    if (type === 'int32') return view.getInt32(i * 4, true);
    return view.getUint8(i);
  });
}

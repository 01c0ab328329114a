import type { DType, Shape, Tensor } from '@chainrule/tensor';

/**
 * An ONNX node attribute, tagged with its ONNX type (an ONNX op fixes each attribute's type: `axis` is an int,
 * LeakyRelu's `alpha` a float, so a plain number would be ambiguous).
 */
export type OnnxAttribute =
  | { readonly int: number }
  | { readonly ints: readonly number[] }
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly string: string };

/** A value of the ONNX graph being built, by name: an op's input, or what a node made. */
export interface OnnxValue {
  /** Its name in the ONNX graph. */
  readonly name: string;
}

/** An input of the chainrule node being lowered: its ONNX value, with the shape and dtype it had when traced. */
export interface OnnxInput extends OnnxValue {
  /** Shape in the traced forward pass (with a dynamic batch axis, the example's batch size stands for it). */
  readonly shape: Shape;
  /** Dtype in the traced forward pass. */
  readonly dtype: DType;
}

/**
 * What a lowering works with: one traced chainrule node (its op name, inputs, output and attributes) and the means
 * to add ONNX nodes and constants for it. Built-in lowerings use exactly this interface.
 */
export interface OnnxLoweringContext<Attrs = unknown> {
  /** The chainrule op name (`Var.op`), e.g. `'matmul'`. */
  readonly op: string;
  /** The op's inputs, in order. */
  readonly inputs: readonly OnnxInput[];
  /** Shape and dtype of the traced result, which the returned value must reproduce. */
  readonly output: { readonly shape: Shape; readonly dtype: DType };
  /** The attributes the op was called with (the node's `attrs`); `undefined` when it has none. */
  readonly attrs: Attrs;
  /** The ONNX opset the model imports (17): what each ONNX op's signature follows. */
  readonly opset: number;
  /**
   * Adds a node of the standard ONNX domain, `opType(inputs...)` with `attributes`, and returns its (single) output.
   * An empty name (`{ name: '' }`) stands for an omitted optional input.
   */
  node(opType: string, inputs: readonly OnnxValue[], attributes?: Readonly<Record<string, OnnxAttribute>>): OnnxValue;
  /** A constant 1-D int64 tensor (shapes, axes, pads, slice bounds). */
  int64s(values: readonly number[]): OnnxValue;
  /** A constant tensor of the given values (float32, float64 or int32), e.g. a scalar of the output's dtype. */
  constant(value: Tensor): OnnxValue;
}

/**
 * How one chainrule op becomes ONNX: given the traced node, add the ONNX nodes that compute it and return the value
 * holding its result. Pass your own in `exportOnnx`'s `lowerings` option, keyed by op name.
 *
 * ```ts
 * const lowerings = { softplus: (node) => node.node('Softplus', node.inputs) };
 * ```
 */
export type OnnxLowering<Attrs = unknown> = (node: OnnxLoweringContext<Attrs>) => OnnxValue;

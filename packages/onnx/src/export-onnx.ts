import { type Var, isVar } from '@chainrule/autograd';
import { Module } from '@chainrule/nn';
import { type Tensor, ValueError, formatShape, isTensor } from '@chainrule/tensor';
import { compareTraces, secondTraceInputs } from './compare-traces';
import { OnnxExportError, UnsupportedOpError } from './errors';
import { type BuiltGraph, GraphBuilder, OPSET, describe, elementTypeOf } from './graph-builder';
import type { OnnxInput, OnnxLowering } from './lowering';
import { builtinLowerings } from './lowerings';
import { type GraphValue, encodeModel } from './protobuf/onnx-model';
import { type OnnxModel, traceForward } from './trace';

/** Options of `exportOnnx`. */
export interface ExportOnnxOptions {
  /** Names of the graph inputs, one per example input. Default `['input']`, or `['input_0', 'input_1', ...]`. */
  inputNames?: readonly string[];
  /** Names of the graph outputs, one per returned `Var`. Default `['output']`, or `['output_0', ...]`. */
  outputNames?: readonly string[];
  /**
   * Make axis 0 of every input a symbolic dimension `batch`, so the model runs on any batch size (outputs whose
   * axis follows the batch get `batch` too). Default false: every dimension is the example's.
   */
  dynamicBatch?: boolean;
  /**
   * Lowerings of your own ops (made with `defineOp`), or replacements of built-in ones, keyed by op name
   * (`Var.op`, the `name` given to `defineOp`). See `OnnxLowering`; each may be typed for its op's attributes
   * (`OnnxLowering<{ factor: number }>`), hence `never` here.
   */
  lowerings?: Readonly<Record<string, OnnxLowering<never>>>;
}

/** The ONNX IR version that goes with opset 17. */
const IR_VERSION = 8;
const optionNames = new Set(['inputNames', 'outputNames', 'dynamicBatch', 'lowerings']);

/**
 * Exports `model` as the bytes of an ONNX model (opset 17), traced from one forward pass on `exampleInputs`:
 * parameters become initializers under their `namedParameters()` names (float32 and float64 kept as they are),
 * every recorded op becomes ONNX nodes through its lowering, constants become initializers. Inputs keep the examples'
 * dtypes: int32 ones (indices, labels) become INT32 graph inputs, read by ops such as `take`. Save the bytes as a
 * `.onnx` file or hand them to ONNX Runtime (`InferenceSession.create(bytes)`).
 *
 * The forward pass runs twice: on the examples, and on a copy with other values (int32 ones moved one place on, so
 * indices stay in range; and, with `dynamicBatch`, one more row). Both must give the same ONNX graph, so a graph that
 * froze an input's values or its batch size (a constant computed from `.value`, a reshape to a shape holding the
 * batch size) is an `OnnxExportError`, never a model that silently computes something else.
 *
 * ```ts
 * const bytes = exportOnnx(model, [tensor([[0, 0, 1]])], { dynamicBatch: true });
 * ```
 *
 * @throws UnsupportedOpError for an op with no lowering (built in or in `options.lowerings`), naming it.
 * @throws OnnxExportError when the graph depends on the example's values or batch size, when called inside
 *   `noGrad`, when the model returns no `Var`, or when a lowering misbehaves.
 * @throws ValueError for bad options or example inputs.
 */
export function exportOnnx(
  model: OnnxModel,
  exampleInputs: Tensor | Var | readonly (Tensor | Var)[],
  options: ExportOnnxOptions = {},
): Uint8Array {
  if (!(model instanceof Module) && typeof model !== 'function') {
    throw new ValueError(
      `exportOnnx: model must be a Module or a function of Vars; got ${model === null ? 'null' : typeof model}`,
    );
  }
  checkOptionsObject(options);
  const examples = checkExamples(exampleInputs, options.dynamicBatch === true);
  const settings = checkOptions(options, examples.length);
  const first = buildGraph(model, examples, settings);
  const second = buildSecondGraph(model, examples, settings, first.batch);
  const outputs = compareTraces(first, second, settings.dynamicBatch);
  const graph = {
    name: 'chainrule',
    nodes: first.builder.nodes,
    initializers: first.builder.initializers,
    inputs: first.inputs.map(
      (input): GraphValue => ({
        ...input,
        dims: settings.dynamicBatch ? ['batch', ...input.dims.slice(1)] : input.dims,
      }),
    ),
    outputs,
  };
  return encodeModel(graph, { irVersion: IR_VERSION, opset: OPSET, producerName: 'chainrule' });
}

/** Internal: the checked options. */
export interface Settings {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[] | undefined;
  readonly dynamicBatch: boolean;
  readonly lowerings: Readonly<Record<string, OnnxLowering<never>>>;
}

/** The graph of the second trace; a forward pass that throws there is reported as what it means for the export. */
function buildSecondGraph(
  model: OnnxModel,
  examples: readonly Tensor[],
  settings: Settings,
  batch: number,
): BuiltGraph {
  const inputs = secondTraceInputs(examples, settings.dynamicBatch);
  try {
    return buildGraph(model, inputs, settings);
  } catch (error) {
    if (error instanceof OnnxExportError || error instanceof ValueError) throw error;
    const what = settings.dynamicBatch ? `other values with batch ${batch + 1}` : 'other values of the same shapes';
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new OnnxExportError(
      `exportOnnx: the model runs on the examples but throws on ${what} (${name}); ${settings.dynamicBatch ? 'with dynamicBatch, the forward pass must work for any batch size (write -1 for the batch axis of a shape)' : "the forward pass must work for any values of the examples' shapes"}`,
      { cause: error },
    );
  }
}

/** Traces `model` on `examples` and lowers every recorded op. */
function buildGraph(model: OnnxModel, examples: readonly Tensor[], settings: Settings): BuiltGraph {
  const trace = traceForward(model, examples);
  const outputNames = settings.outputNames ?? defaultNames('output', trace.outputs.length);
  if (outputNames.length !== trace.outputs.length) {
    throw new ValueError(
      `exportOnnx: options.outputNames has ${outputNames.length} names but the model returned ${trace.outputs.length} outputs; expected one name per output`,
    );
  }
  const parameterNames = new Map<Var, string>(
    model instanceof Module ? model.namedParameters().map(([name, parameter]) => [parameter, name]) : [],
  );
  const reserved = [...settings.inputNames, ...outputNames];
  for (const [, name] of parameterNames) {
    if (reserved.includes(name)) {
      throw new ValueError(
        `exportOnnx: '${name}' names both a graph input or output and a parameter; choose other inputNames or outputNames`,
      );
    }
  }
  const builder = new GraphBuilder([...reserved, ...parameterNames.values()]);
  const names = new Map<Var, string>();
  trace.inputs.forEach((input, i) => {
    names.set(input, settings.inputNames[i]!);
    builder.defineInput(settings.inputNames[i]!);
  });
  const smallConstants = new Map<string, string>();
  let opIndex = 0;
  for (const node of trace.order) {
    if (names.has(node)) continue;
    if (node.parents.length === 0) {
      names.set(node, leafName(node, parameterNames, smallConstants, builder));
      continue;
    }
    names.set(node, lower(node, opIndex++, names, builder, settings));
  }
  const claimed = new Set<string>();
  trace.outputs.forEach((output, i) => {
    const name = names.get(output)!;
    const outputName = outputNames[i]!;
    if (builder.isNodeOutput(name) && !claimed.has(name)) {
      builder.rename(name, outputName);
      for (const [node, value] of names) if (value === name) names.set(node, outputName);
    } else {
      builder.addNode('Identity', [name], [], outputName, { op: 'output', index: i, shape: output.shape });
    }
    claimed.add(outputName);
  });
  return {
    builder,
    inputs: examples.map((example, i) => valueInfo(settings.inputNames[i]!, example)),
    outputs: trace.outputs.map((output, i) => valueInfo(outputNames[i]!, output.value)),
    batch: examples[0]!.rank > 0 ? examples[0]!.shape[0]! : 1,
  };
}

/**
 * The initializer holding a leaf: a parameter under its name, another trainable leaf as `parameter`, a constant as
 * `constant`. Small constants with equal values share one initializer (each `1` in `sub(1, x)` is a leaf of its own).
 */
function leafName(
  node: Var,
  parameterNames: ReadonlyMap<Var, string>,
  smallConstants: Map<string, string>,
  builder: GraphBuilder,
): string {
  const parameterName = parameterNames.get(node);
  if (parameterName !== undefined) return builder.addTensor(parameterName, node.value);
  if (node.requiresGrad) return builder.addTensor(builder.uniqueName('parameter'), node.value);
  const key = node.size <= 16 ? constantKey(node.value) : null;
  const known = key === null ? undefined : smallConstants.get(key);
  if (known !== undefined) return known;
  const name = builder.addTensor(builder.uniqueName('constant'), node.value);
  if (key !== null) smallConstants.set(key, name);
  return name;
}

/** Dtype, shape and every element of a small tensor (−0 apart from 0: they divide differently). */
function constantKey(value: Tensor): string {
  const values = value.contiguous();
  const elements: string[] = [];
  for (let i = 0; i < values.size; i++) {
    const element = values.data[values.offset + i]!;
    elements.push(Object.is(element, -0) ? '-0' : String(element));
  }
  return `${value.dtype} [${value.shape.join(',')}] ${elements.join(',')}`;
}

/** Lowers one recorded op (the `index`-th of the trace) and returns the name of the value holding its result. */
function lower(node: Var, index: number, names: Map<Var, string>, builder: GraphBuilder, settings: Settings): string {
  const lowering = lookup(settings.lowerings, node.op) ?? lookup(builtinLowerings, node.op);
  if (lowering === undefined) {
    throw new UnsupportedOpError(
      `exportOnnx: op '${node.op}' (node ${index}, output ${formatShape(node.shape)} ${node.dtype}) has no ONNX lowering; the built-in ones cover ${supportedOnnxOps().join(', ')}; pass one as options.lowerings['${node.op}']`,
      node.op,
    );
  }
  const inputs = node.parents.map(
    (parent): OnnxInput => ({ name: names.get(parent)!, shape: parent.shape, dtype: parent.dtype }),
  );
  const context = builder.contextFor(node, index, inputs, node.attrs);
  const result: unknown = (lowering as OnnxLowering<unknown>)(context);
  return builder.inputName(result, `exportOnnx: the lowering of '${node.op}' (node ${index}) returned a value that`);
}

function lookup(table: Readonly<Record<string, OnnxLowering<never>>>, op: string): OnnxLowering<never> | undefined {
  return Object.hasOwn(table, op) ? table[op] : undefined;
}

/** The chainrule op names `exportOnnx` lowers without help, sorted. */
export function supportedOnnxOps(): string[] {
  return Object.keys(builtinLowerings).sort();
}

function valueInfo(name: string, value: Tensor): GraphValue {
  return { name, type: elementTypeOf(value.dtype), dims: value.shape.slice() };
}

function defaultNames(stem: string, count: number): string[] {
  return count === 1 ? [stem] : Array.from({ length: count }, (_, i) => `${stem}_${i}`);
}

function checkExamples(exampleInputs: unknown, dynamicBatch: boolean): Tensor[] {
  const list: unknown[] = Array.isArray(exampleInputs) ? exampleInputs : [exampleInputs];
  if (list.length === 0) throw new ValueError('exportOnnx: exampleInputs is empty; expected at least one Tensor');
  const tensors = list.map((example, i) => {
    const value = isVar(example) ? example.value : example;
    if (!isTensor(value)) {
      throw new ValueError(`exportOnnx: example input ${i} must be a Tensor or a Var; got ${describe(value)}`);
    }
    elementTypeOf(value.dtype);
    if (dynamicBatch && (value.rank === 0 || value.shape[0] === 0)) {
      throw new ValueError(
        `exportOnnx: with dynamicBatch, example input ${i} needs a batch axis 0 of size >= 1; got shape ${formatShape(value.shape)}`,
      );
    }
    return value;
  });
  if (dynamicBatch && tensors.some((tensor) => tensor.shape[0] !== tensors[0]!.shape[0])) {
    throw new ValueError(
      `exportOnnx: with dynamicBatch, every example input needs the same batch size on axis 0; got shapes ${tensors.map((tensor) => formatShape(tensor.shape)).join(', ')}`,
    );
  }
  return tensors;
}

function checkOptionsObject(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`exportOnnx: options must be an object; got ${describe(options)}`);
  }
}

function checkOptions(options: ExportOnnxOptions, inputCount: number): Settings {
  for (const key of Object.keys(options)) {
    if (!optionNames.has(key)) {
      throw new ValueError(`exportOnnx: unknown option '${key}'; expected ${[...optionNames].join(', ')}`);
    }
  }
  const { inputNames = defaultNames('input', inputCount), outputNames, dynamicBatch = false, lowerings = {} } = options;
  checkNames('inputNames', inputNames);
  if (inputNames.length !== inputCount) {
    throw new ValueError(
      `exportOnnx: options.inputNames has ${inputNames.length} names for ${inputCount} example inputs; expected one name per input`,
    );
  }
  if (outputNames !== undefined) {
    checkNames('outputNames', outputNames);
    const clash = outputNames.find((name) => inputNames.includes(name));
    if (clash !== undefined) throw new ValueError(`exportOnnx: '${clash}' names both an input and an output`);
  }
  if (typeof dynamicBatch !== 'boolean') {
    throw new ValueError(`exportOnnx: options.dynamicBatch must be a boolean; got ${describe(dynamicBatch)}`);
  }
  if (lowerings === null || typeof lowerings !== 'object' || Array.isArray(lowerings)) {
    throw new ValueError(
      `exportOnnx: options.lowerings must be an object of op name -> lowering; got ${describe(lowerings)}`,
    );
  }
  for (const [op, lowering] of Object.entries(lowerings)) {
    if (typeof lowering !== 'function') {
      throw new ValueError(`exportOnnx: options.lowerings['${op}'] must be a function; got ${describe(lowering)}`);
    }
  }
  return { inputNames, outputNames, dynamicBatch, lowerings };
}

function checkNames(option: string, names: unknown): asserts names is readonly string[] {
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string' && name.length > 0)) {
    throw new ValueError(`exportOnnx: options.${option} must be an array of non-empty strings; got ${describe(names)}`);
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new ValueError(`exportOnnx: options.${option} repeats '${repeated}'`);
}

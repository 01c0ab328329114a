// The bad-input catalogue of @chainrule/nn: layers, Sequential, state dicts (missing, extra, wrong-shape keys),
// optimizers (non-parameters, bad options), initialisers, activations, losses and the JSON/safetensors formats.
// Each row expects a typed error whose message names the op and the shapes or the key, and leaves every argument
// (tensors, parameters and their gradients, modules, dicts, bytes) exactly as it was.
import { describe, expect, it } from 'vitest';
import { Var, constant, variable } from '@chainrule/autograd';
import {
  Adam,
  Dense,
  ModuleBuffer,
  Parameter,
  ReLU,
  SGD,
  SafetensorsError,
  Sequential,
  Softmax,
  StateDictError,
  binaryCrossEntropyWithLogits,
  computeFans,
  crossEntropy,
  heUniform,
  loadSafetensors,
  logSoftmax,
  mse,
  normal,
  saveSafetensors,
  softmax,
  sse,
  stateDictFromJSON,
  stateDictToJSON,
  uniform,
  xavierNormal,
  xavierUniform,
} from '@chainrule/nn';
import { DTypeError, Rng, ShapeError, type Tensor, ValueError, ones, tensor, zeros } from '@chainrule/tensor';
// The catalogue helpers are autograd's: they already know Vars (nn's Parameters are Vars).
import { type BadInputCase, bad, expectTypedError } from '../../../autograd/test/hardening/catalogue';

const tuple = <T extends unknown[]>(...items: T): T => items;
const none = (): [] => [];
const rng = (): Rng => new Rng(7);
/** Dense(2 -> 3) with bias: parameters `weight` [2,3] and `bias` [3]. */
const dense = (): Dense => new Dense(2, 3, { rng: rng() });
/** Dense(2 -> 3) whose parameters already hold gradients (a failed call must not touch them either). */
const trained = (): Dense => {
  const layer = dense();
  for (const parameter of layer.parameters()) parameter.grad = constant(ones(parameter.shape));
  return layer;
};
const row = (values: number[][], dtype: 'float32' | 'float64' = 'float32'): Var => variable(tensor(values, { dtype }));
const json = (tensors: Record<string, unknown>): string =>
  JSON.stringify({ format: 'chainrule-state-dict', version: 1, tensors });
const deeplyNested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** Safetensors bytes from header text (padded to 8 bytes) and a zeroed data section of `dataLength` bytes. */
const safetensorsFile = (header: string, dataLength: number): Uint8Array => {
  const text = header.padEnd(Math.ceil(header.length / 8) * 8, ' ');
  const bytes = new Uint8Array(8 + text.length + dataLength);
  new DataView(bytes.buffer).setUint32(0, text.length, true);
  for (let i = 0; i < text.length; i++) bytes[8 + i] = text.charCodeAt(i);
  return bytes;
};

const layers: BadInputCase[] = [
  bad(
    'Dense: zero inFeatures',
    ValueError,
    /^Dense: inFeatures must be a positive integer; got number 0/,
    none,
    () => new Dense(0, 3, { rng: rng() }),
  ),
  bad(
    'Dense: NaN outFeatures',
    ValueError,
    /^Dense: outFeatures must be a positive integer; got number NaN/,
    none,
    () => new Dense(2, Number.NaN, { rng: rng() }),
  ),
  bad(
    'Dense: fractional inFeatures',
    ValueError,
    /^Dense: inFeatures must be a positive integer; got number 1\.5/,
    none,
    () => new Dense(1.5, 3, { rng: rng() }),
  ),
  bad(
    'Dense: no options',
    ValueError,
    /^Dense: options must be an object with at least \{ rng \}; got undefined/,
    none,
    () => new Dense(2, 3, undefined as never),
  ),
  bad(
    'Dense: no rng',
    ValueError,
    /^Dense: options\.rng must be an Rng .* got undefined/,
    none,
    () => new Dense(2, 3, {} as never),
  ),
  bad(
    'Dense: unknown dtype',
    DTypeError,
    /^Dense: unknown dtype string 'int8'/,
    none,
    () => new Dense(2, 3, { rng: rng(), dtype: 'int8' as never }),
  ),
  bad(
    'Dense: init is not a function',
    ValueError,
    /^Dense: options\.init must be an initialiser .* got number 3/,
    none,
    () => new Dense(2, 3, { rng: rng(), init: 3 as never }),
  ),
  bad(
    'Dense: init returns the transposed shape',
    ShapeError,
    /^Dense: options\.init returned \[3,2\] float32; expected a \[2,3\] float32 Tensor/,
    none,
    () => new Dense(2, 3, { rng: rng(), init: (_shape, _rng, dtype) => zeros([3, 2], { dtype }) }),
  ),
  bad(
    'Dense: more weights than any buffer holds',
    ShapeError,
    /^(Dense|uniform|xavierUniform): .*\[1000000,1000000\]/,
    none,
    () => new Dense(1e6, 1e6, { rng: rng() }),
  ),
  bad(
    'Dense.forward: wrong last axis',
    ShapeError,
    /^Dense: input must have shape \[\.\.\., 2\] \(last axis inFeatures\); got \[1,3\]/,
    () => tuple(trained(), row([[1, 2, 3]])),
    (layer, x) => layer.forward(x),
  ),
  bad(
    'Dense.forward: a scalar',
    ShapeError,
    /^Dense: input must have shape \[\.\.\., 2\] .* got \[\]/,
    () => tuple(trained(), variable(2)),
    (layer, x) => layer.forward(x),
  ),
  bad(
    'Dense.forward: float64 input into float32 weights',
    DTypeError,
    /^Dense: input is float64 \(shape \[1,2\]\) but the layer's parameters are float32; expected a float32 input/,
    () => tuple(trained(), row([[1, 2]], 'float64')),
    (layer, x) => layer.forward(x),
  ),
  bad(
    'Dense.forward: null',
    ValueError,
    /^Dense: .*null/,
    () => tuple(trained()),
    (layer) => layer.forward(null as never),
  ),
  bad(
    'Dense.forward: nested arrays instead of a Var',
    ValueError,
    /^Dense: .*array/,
    () => tuple(trained()),
    (layer) => layer.forward([[1, 2]] as never),
  ),
  bad(
    'Sequential: a number among the layers',
    ValueError,
    /^Sequential: argument 1 must be a Module; got number 3/,
    () => tuple(dense()),
    (layer) => new Sequential(layer, 3 as never),
  ),
  bad(
    'Sequential: a plain function as a layer',
    ValueError,
    /^Sequential: argument 0 must be a Module; got function/,
    none,
    () => new Sequential(((x: Var) => x) as never),
  ),
  bad(
    'Sequential.forward: layers that do not chain',
    ShapeError,
    /^Dense: input must have shape \[\.\.\., 2\] .* got \[1,3\]/,
    () => tuple(new Sequential(dense(), new ReLU(), dense()), row([[1, 2]])),
    (model, x) => model.forward(x),
  ),
  bad(
    'Parameter: a Var (its value is what to pass)',
    ValueError,
    /^Parameter: expected a Tensor or nested arrays of numbers; got a Var \[2\] float32 \(pass its \.value to copy it\)/,
    () => tuple(variable([1, 2])),
    (v) => new Parameter(v as never),
  ),
  bad(
    'Parameter: a Parameter',
    ValueError,
    /^Parameter: expected a Tensor or nested arrays of numbers; got a Parameter \[1\] float32/,
    () => tuple(new Parameter([1])),
    (p) => new Parameter(p as never),
  ),
  bad(
    'Parameter: null options with nested arrays',
    ValueError,
    /^tensor: options must be an object; got null/,
    none,
    () => new Parameter([1, 2], null as never),
  ),
  bad(
    'Parameter: null options with a tensor',
    ValueError,
    /^Parameter: options must be an object; got null/,
    () => tuple(ones([2])),
    (t) => new Parameter(t, null as never),
  ),
  bad(
    'Dense: bias is the string yes (not read as true)',
    ValueError,
    /^Dense: options\.bias must be true or false; got string 'yes'/,
    none,
    () => new Dense(2, 3, { rng: rng(), bias: 'yes' as never }),
  ),
  bad(
    'Parameter: an array that contains itself',
    ShapeError,
    /^tensor: the nested array contains itself at \[0\]/,
    () => {
      const values: unknown[] = [];
      values.push(values);
      return tuple(values);
    },
    (values) => new Parameter(values as never),
  ),
  bad(
    'Parameter: ragged nested arrays',
    ShapeError,
    /^tensor: ragged nested array: element \[1\] has length 2; expected 1/,
    none,
    () => new Parameter([[1], [1, 2]]),
  ),
];

const stateDicts: BadInputCase[] = [
  bad(
    'loadStateDict: a missing key',
    StateDictError,
    /^loadStateDict: missing key 'bias' \(expected \[3\] float32\)/,
    () => tuple(trained(), { weight: ones([2, 3]) }),
    (layer, dict) => layer.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: an extra key',
    StateDictError,
    /^loadStateDict: unexpected key 'scale'/,
    () => tuple(trained(), { weight: ones([2, 3]), bias: ones([3]), scale: ones([1]) }),
    (layer, dict) => layer.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: a key of the wrong shape',
    StateDictError,
    /^loadStateDict: 'weight' is \[3,2\] float32, expected \[2,3\] float32/,
    () => tuple(trained(), { weight: ones([3, 2]), bias: ones([3]) }),
    (layer, dict) => layer.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: a key of the wrong dtype',
    StateDictError,
    /^loadStateDict: 'bias' is \[3\] float64, expected \[3\] float32/,
    () => tuple(trained(), { weight: ones([2, 3]), bias: ones([3], { dtype: 'float64' }) }),
    (layer, dict) => layer.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: a value that is not a Tensor',
    StateDictError,
    /^loadStateDict: 'weight' must be a Tensor; got an array/,
    () =>
      tuple(trained(), {
        weight: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        bias: ones([3]),
      }),
    (layer, dict) => layer.loadStateDict(dict as never),
  ),
  bad(
    'loadStateDict: every problem at once, all named',
    StateDictError,
    /^loadStateDict: 'weight' is \[2\] float32, expected \[2,3\] float32; missing key 'bias' \(expected \[3\] float32\); unexpected key 'bias2'/,
    () => tuple(trained(), { weight: ones([2]), bias2: ones([3]) }),
    (layer, dict) => layer.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: null',
    StateDictError,
    /^loadStateDict: expected a plain object of name -> Tensor \(such as model\.stateDict\(\)\); got null/,
    () => tuple(trained()),
    (layer) => layer.loadStateDict(null as never),
  ),
  bad(
    'loadStateDict: a nested key missing in a Sequential',
    StateDictError,
    /^loadStateDict: missing key 'layers\.2\.weight' \(expected \[2,3\] float32\)/,
    () =>
      tuple(new Sequential(dense(), new ReLU(), dense()), {
        'layers.0.weight': ones([2, 3]),
        'layers.0.bias': ones([3]),
        'layers.2.bias': ones([3]),
      }),
    (model, dict) => model.loadStateDict(dict),
  ),
  bad(
    'loadStateDict: a Map of tensors (not read as an empty dict, even with strict false)',
    StateDictError,
    /^loadStateDict: expected a plain object of name -> Tensor \(such as model\.stateDict\(\)\); got a Map \(convert it with Object\.fromEntries\(map\)\)/,
    () => tuple(trained()),
    (layer) => layer.loadStateDict(new Map(Object.entries(layer.stateDict())) as never, { strict: false }),
  ),
  bad(
    'loadStateDict: a module instead of its state dict',
    StateDictError,
    /^loadStateDict: expected a plain object .* got a Dense/,
    () => tuple(trained(), dense()),
    (layer, other) => layer.loadStateDict(other as never, { strict: false }),
  ),
  bad(
    'loadStateDict: null options',
    ValueError,
    /^loadStateDict: options must be an object; got null/,
    () => tuple(trained()),
    (layer) => layer.loadStateDict(layer.stateDict(), null as never),
  ),
  bad(
    'loadStateDict: strict false still checks shapes',
    StateDictError,
    /^loadStateDict: 'weight' is \[3\] float32, expected \[2,3\] float32/,
    () => tuple(trained(), { weight: ones([3]) }),
    (layer, dict) => layer.loadStateDict(dict, { strict: false }),
  ),
  bad(
    'loadStateDict: a __proto__ key from parsed JSON',
    StateDictError,
    /unexpected key '__proto__'/,
    () =>
      tuple(trained(), {
        ...(JSON.parse('{"__proto__": {"polluted": 1}}') as object),
        weight: ones([2, 3]),
        bias: ones([3]),
      }),
    (layer, dict) => layer.loadStateDict(dict as never),
  ),
];

const optimizers: BadInputCase[] = [
  bad(
    'SGD: a Var that is not a Parameter',
    ValueError,
    /^SGD: params\[0\] must be a Parameter \(use model\.parameters\(\)\); got a Var \[1\] float32/,
    () => tuple(variable([1])),
    (v) => new SGD([v as never], { lr: 1 }),
  ),
  bad(
    'SGD: a ModuleBuffer, named as one',
    ValueError,
    /^SGD: params\[0\] must be a Parameter \(use model\.parameters\(\)\); got a ModuleBuffer \[2\] float32/,
    () => tuple(new ModuleBuffer([0, 0])),
    (b) => new SGD([b as never], { lr: 1 }),
  ),
  bad(
    'SGD: a Tensor',
    ValueError,
    /^SGD: params\[1\] must be a Parameter .* got a Tensor \[2\] float32/,
    () => tuple(new Parameter([1]), ones([2])),
    (p, t) => new SGD([p, t as never], { lr: 1 }),
  ),
  bad(
    'SGD: a Module instead of its parameters',
    ValueError,
    /^SGD: expected a list of Parameters \(e\.g\. model\.parameters\(\)\); got a Dense/,
    () => tuple(trained()),
    (layer) => new SGD(layer as never, { lr: 1 }),
  ),
  bad('SGD: an empty list', ValueError, /^SGD: got an empty parameter list/, none, () => new SGD([], { lr: 1 })),
  bad(
    'SGD: a parameter listed twice',
    ValueError,
    /^SGD: params\[1\] appears twice in the parameter list/,
    () => tuple(new Parameter([1])),
    (p) => new SGD([p, p], { lr: 1 }),
  ),
  bad(
    'SGD: negative learning rate',
    ValueError,
    /^SGD: lr must be a finite number >= 0; got number -0.1/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), { lr: -0.1 }),
  ),
  bad(
    'SGD: NaN learning rate',
    ValueError,
    /^SGD: lr must be a finite number >= 0; got number NaN/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), { lr: Number.NaN }),
  ),
  bad(
    'SGD: no learning rate',
    ValueError,
    /^SGD: lr must be a finite number >= 0; got undefined/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), {} as never),
  ),
  bad(
    'SGD: a misspelt option',
    ValueError,
    /^SGD: unknown option 'learningRate'; expected lr, momentum, nesterov, weightDecay/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), { lr: 1, learningRate: 1 } as never),
  ),
  bad(
    'SGD: negative momentum',
    ValueError,
    /^SGD: momentum must be a finite number >= 0; got number -1/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), { lr: 1, momentum: -1 }),
  ),
  bad(
    'SGD: nesterov without momentum',
    ValueError,
    /^SGD: nesterov momentum needs momentum > 0/,
    () => tuple(trained()),
    (layer) => new SGD(layer.parameters(), { lr: 1, nesterov: true }),
  ),
  bad(
    'SGD: setting a negative learning rate later',
    ValueError,
    /^SGD: lr must be a finite number >= 0; got number -1/,
    () => tuple(new SGD(trained().parameters(), { lr: 1 })),
    (optimizer) => (optimizer.lr = -1),
  ),
  bad(
    'SGD.step: a gradient of the wrong shape',
    ShapeError,
    /^SGD: gradient of shape \[3\] does not match its parameter's shape \[2,3\]/,
    () => {
      const layer = dense();
      layer.weight.grad = constant(ones([3]));
      return tuple(layer, new SGD(layer.parameters(), { lr: 1 }));
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'Adam.step: a gradient of the wrong dtype',
    DTypeError,
    /^Adam: gradient is float64 but the parameter is float32/,
    () => {
      const layer = dense();
      layer.weight.grad = constant(ones([2, 3], { dtype: 'float64' }));
      return tuple(layer, new Adam(layer.parameters()));
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'SGD.step: a later parameter rejected (the earlier one must not move)',
    ShapeError,
    /^SGD: gradient of shape \[2\] does not match its parameter's shape \[3\]/,
    () => {
      const layer = dense();
      layer.weight.grad = constant(ones([2, 3]));
      layer.bias!.grad = constant(ones([2]));
      return tuple(layer, new SGD(layer.parameters(), { lr: 1, momentum: 0.9 }));
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'Adam.step: a later parameter rejected (the earlier one must not move)',
    DTypeError,
    /^Adam: gradient is float64 but the parameter is float32/,
    () => {
      const layer = dense();
      layer.weight.grad = constant(ones([2, 3]));
      layer.bias!.grad = constant(ones([3], { dtype: 'float64' }));
      return tuple(layer, new Adam(layer.parameters(), { lr: 0.1 }));
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'SGD.step: a later parameter resized since the last step (the earlier one must not move)',
    ShapeError,
    /^SGD: parameter 1 now has shape \[4\] \(4 elements\) but its optimizer state was made for 3 elements/,
    () => {
      const layer = dense();
      const optimizer = new SGD(layer.parameters(), { lr: 1, momentum: 0.9 });
      for (const parameter of layer.parameters()) parameter.grad = constant(ones(parameter.shape));
      optimizer.step();
      layer.bias!.value = ones([4]);
      layer.bias!.grad = constant(ones([4]));
      return tuple(layer, optimizer);
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'SGD.step: a grad that is a Tensor, not a Var',
    ValueError,
    /^SGD: parameter 1's grad must be a Var \(or null\); got a Tensor \[3\] float32/,
    () => {
      const layer = dense();
      layer.weight.grad = constant(ones([2, 3]));
      layer.bias!.grad = ones([3]) as never;
      return tuple(layer, new SGD(layer.parameters(), { lr: 1 }));
    },
    (_layer, optimizer) => optimizer.step(),
  ),
  bad(
    'Adam: beta of 1',
    ValueError,
    /^Adam: betas must be two numbers in \[0, 1\); got \[1, 0\.9\]/,
    () => tuple(trained()),
    (layer) => new Adam(layer.parameters(), { betas: [1, 0.9] }),
  ),
  bad(
    'Adam: one beta',
    ValueError,
    /^Adam: betas must be two numbers in \[0, 1\); got \[0\.9\]/,
    () => tuple(trained()),
    (layer) => new Adam(layer.parameters(), { betas: [0.9] as never }),
  ),
  bad(
    'Adam: eps of 0',
    ValueError,
    /^Adam: eps must be a finite number > 0; got number 0/,
    () => tuple(trained()),
    (layer) => new Adam(layer.parameters(), { eps: 0 }),
  ),
  bad(
    'Adam: negative weight decay',
    ValueError,
    /^Adam: weightDecay must be a finite number >= 0; got number -1/,
    () => tuple(trained()),
    (layer) => new Adam(layer.parameters(), { weightDecay: -1 }),
  ),
  bad(
    'Adam: null options',
    ValueError,
    /^Adam: options must be an object; got null/,
    () => tuple(trained()),
    (layer) => new Adam(layer.parameters(), null as never),
  ),
];

const initialisers: BadInputCase[] = [
  bad('uniform: low above high', ValueError, /^uniform: expected low < high; got low=1, high=0/, none, () =>
    uniform(1, 0),
  ),
  bad('uniform: NaN bound', ValueError, /^uniform: low must be a finite number; got number NaN/, none, () =>
    uniform(Number.NaN, 1),
  ),
  bad('normal: negative std', ValueError, /^normal: std must be >= 0; got -1/, none, () => normal(0, -1)),
  bad(
    'xavierUniform: zero gain',
    ValueError,
    /^xavierUniform: gain must be a finite number > 0; got number 0/,
    none,
    () => xavierUniform(0),
  ),
  bad(
    'xavierNormal: a rank-1 shape',
    ShapeError,
    /^xavierNormal: needs a weight of rank >= 2 laid out \[\.\.\., inFeatures, outFeatures\]; got shape \[3\]/,
    none,
    () => xavierNormal()([3], rng(), 'float32'),
  ),
  bad(
    'heUniform: no Rng',
    ValueError,
    /^heUniform: expected an Rng \(new Rng\(seed\) from @chainrule\/tensor\); got undefined/,
    none,
    () => heUniform()([2, 3], undefined as never, 'float32'),
  ),
  bad(
    'uniform: a negative dim',
    ShapeError,
    /^uniform: shape entries must be non-negative integers; got \[-2\]/,
    none,
    () => uniform()([-2], rng(), 'float32'),
  ),
  bad('uniform: an unknown dtype', DTypeError, /^uniform: unknown dtype 'int8'/, none, () =>
    uniform()([2], rng(), 'int8' as never),
  ),
  bad(
    'computeFans: a scalar shape',
    ShapeError,
    /^computeFans: needs a weight of rank >= 2 .* got shape \[\]/,
    none,
    () => computeFans([]),
  ),
];

const functions: BadInputCase[] = [
  bad(
    'softmax: axis out of range',
    ShapeError,
    /^softmax: invalid axis 1 for shape \[2\]; expected an integer in \[-1, 1\)/,
    () => tuple(variable([1, 2])),
    (x) => softmax(x, 1),
  ),
  bad(
    'logSoftmax: a list of axes',
    ShapeError,
    /^logSoftmax: axis must be a single integer; got an array/,
    () => tuple(row([[1, 2]])),
    (x) => logSoftmax(x, [0] as never),
  ),
  bad(
    'softmax: a string input',
    ValueError,
    /^softmax: expected a Var, a Tensor or a number; got string 'x'/,
    none,
    () => softmax('x' as never),
  ),
  bad(
    'Softmax module: axis out of range',
    ShapeError,
    /^softmax: invalid axis 5 for shape \[1,2\]/,
    () => tuple(row([[1, 2]])),
    (x) => new Softmax(5).forward(x),
  ),
  bad(
    'sse: a column against a row',
    ShapeError,
    /^sse: prediction and target shapes differ: \[2,1\] vs \[2\]; expected equal shapes/,
    () => tuple(row([[1], [2]]), variable([1, 2])),
    sse,
  ),
  bad(
    'mse: float32 against float64',
    DTypeError,
    /^mse: prediction is float32 but target is float64/,
    () => tuple(variable([1]), ones([1], { dtype: 'float64' })),
    mse,
  ),
  bad(
    'mse: empty inputs',
    ShapeError,
    /^mse: inputs of shape \[0\] are empty/,
    () => tuple(zeros([0]), zeros([0])),
    mse,
  ),
  bad(
    'mse: nested arrays',
    ValueError,
    /^mse: prediction must be a Var or a Tensor; got an array/,
    () => tuple(variable([1])),
    (t) => mse([1] as never, t),
  ),
  bad(
    'binaryCrossEntropyWithLogits: shapes differ',
    ShapeError,
    /^binaryCrossEntropyWithLogits: logits and target shapes differ: \[2\] vs \[1\]/,
    () => tuple(variable([1, 2]), ones([1])),
    binaryCrossEntropyWithLogits,
  ),
  bad(
    'crossEntropy: rank-1 logits',
    ShapeError,
    /^crossEntropy: logits must have shape \[batch, classes\] .* got \[2\]/,
    () => tuple(variable([1, 2])),
    (x) => crossEntropy(x, [0]),
  ),
  bad(
    'crossEntropy: a class index out of range',
    ValueError,
    /^crossEntropy: target\[1\] = 2 is not a class index; expected an integer in \[0, 2\)/,
    () =>
      tuple(
        row([
          [1, 2],
          [3, 4],
        ]),
      ),
    (x) => crossEntropy(x, [0, 2]),
  ),
  bad(
    'crossEntropy: a fractional class index',
    ValueError,
    /^crossEntropy: target\[0\] = 0\.5 is not a class index/,
    () => tuple(row([[1, 2]])),
    (x) => crossEntropy(x, [0.5]),
  ),
  bad(
    'crossEntropy: one index for two rows',
    ShapeError,
    /^crossEntropy: 1 class indices for a batch of 2; expected one per row/,
    () =>
      tuple(
        row([
          [1, 2],
          [3, 4],
        ]),
      ),
    (x) => crossEntropy(x, [0]),
  ),
  bad(
    'crossEntropy: an index tensor out of range',
    ValueError,
    /^crossEntropy: target\[0\] = 5 is not a class index/,
    () => tuple(row([[1, 2]]), tensor([5])),
    crossEntropy,
  ),
  bad(
    'crossEntropy: a target of another shape',
    ShapeError,
    /^crossEntropy: target must be class indices of shape \[1\] or probabilities of the logits' shape \[1,2\]; got \[2,2\]/,
    () => tuple(row([[1, 2]]), zeros([2, 2])),
    crossEntropy,
  ),
  bad(
    'crossEntropy: probabilities of another dtype',
    DTypeError,
    /^crossEntropy: target probabilities are float64 but logits are float32/,
    () => tuple(row([[1, 2]]), zeros([1, 2], { dtype: 'float64' })),
    crossEntropy,
  ),
];

const formats: BadInputCase[] = [
  bad(
    'stateDictToJSON: a value that is not a Tensor',
    StateDictError,
    /^stateDictToJSON: value of 'a' must be a Tensor; got an array/,
    none,
    () => stateDictToJSON({ a: [1] } as never),
  ),
  bad(
    'stateDictToJSON: a __proto__ key',
    StateDictError,
    /^stateDictToJSON: key '__proto__' is not allowed/,
    () => tuple({ ['__proto__']: ones([1]) }),
    (dict) => stateDictToJSON(dict as Record<string, Tensor>),
  ),
  bad('stateDictFromJSON: not JSON', StateDictError, /^stateDictFromJSON: not valid JSON/, none, () =>
    stateDictFromJSON('{'),
  ),
  bad(
    'stateDictFromJSON: another format',
    StateDictError,
    /^stateDictFromJSON: expected \{ format: 'chainrule-state-dict', version: 1, tensors: \{\.\.\.\} \}; got format string 'x'/,
    none,
    () => stateDictFromJSON('{"format":"x"}'),
  ),
  bad(
    'stateDictFromJSON: data shorter than the shape',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': shape \[2\] needs 2 elements; data has 1/,
    none,
    () => stateDictFromJSON(json({ a: { dtype: 'float32', shape: [2], data: [1] } })),
  ),
  bad(
    'stateDictFromJSON: an element that is not a number',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': data\[1\] must be a number .* got string 'two'/,
    none,
    () => stateDictFromJSON(json({ a: { dtype: 'float32', shape: [2], data: [1, 'two'] } })),
  ),
  bad(
    'stateDictFromJSON: a float32 element out of range',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': data\[0\] = 1e\+300 is outside the float32 range/,
    none,
    () => stateDictFromJSON(json({ a: { dtype: 'float32', shape: [1], data: [1e300] } })),
  ),
  bad(
    'stateDictFromJSON: a huge shape with no data',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': shape \[1000000000,1000000000\] needs 1000000000000000000 elements; data has 0/,
    none,
    () => stateDictFromJSON(json({ a: { dtype: 'float32', shape: [1e9, 1e9], data: [] } })),
  ),
  bad(
    'stateDictFromJSON: a shape of 65 axes (a tensor has at most 64)',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': shape \[1,1,1,1,1,1,1,1,\.\.\.\] has 65 axes; expected at most 64/,
    none,
    () => stateDictFromJSON(json({ a: { dtype: 'float32', shape: new Array(65).fill(1), data: [1] } })),
  ),
  bad(
    'stateDictFromJSON: a __proto__ tensor',
    StateDictError,
    /^stateDictFromJSON: tensor '__proto__': this key is not allowed/,
    none,
    () =>
      stateDictFromJSON(
        '{"format":"chainrule-state-dict","version":1,"tensors":{"__proto__":{"dtype":"float32","shape":[1],"data":[1]}}}',
      ),
  ),
  bad(
    'stateDictFromJSON: a shape nested 10,000 deep',
    StateDictError,
    /^stateDictFromJSON: tensor 'a': shape must be an array of non-negative integers/,
    none,
    () =>
      stateDictFromJSON(
        `{"format":"chainrule-state-dict","version":1,"tensors":{"a":{"dtype":"float32","shape":${deeplyNested(10_000)},"data":[]}}}`,
      ),
  ),
  bad(
    'stateDictToJSON: a Map of tensors (not written as an empty dict)',
    StateDictError,
    /^stateDictToJSON: expected a plain object of name -> Tensor \(such as model\.stateDict\(\)\); got a Map \(convert it with Object\.fromEntries\(map\)\)/,
    () => tuple(new Map([['w', ones([2])]])),
    (map) => stateDictToJSON(map as never),
  ),
  bad(
    'stateDictFromJSON: tensors given as a Map',
    StateDictError,
    /^stateDictFromJSON: 'tensors' must be a plain object of name -> tensor; got a Map/,
    none,
    () =>
      stateDictFromJSON({
        format: 'chainrule-state-dict',
        version: 1,
        tensors: new Map([['w', { dtype: 'float32', shape: [1], data: [1] }]]),
      } as never),
  ),
  bad(
    'saveSafetensors: a Map of tensors (not written as an empty file)',
    SafetensorsError,
    /^saveSafetensors: expected a plain object of name -> Tensor \(such as model\.stateDict\(\)\); got a Map \(convert it with Object\.fromEntries\(map\)\)/,
    () => tuple(new Map([['w', ones([2])]])),
    (map) => saveSafetensors(map as never),
  ),
  bad(
    'saveSafetensors: metadata given as a Map',
    SafetensorsError,
    /^saveSafetensors: metadata must be a plain object of string -> string; got a Map/,
    () => tuple({ w: ones([2]) }),
    (dict) => saveSafetensors(dict, new Map([['format', 'pt']]) as never),
  ),
  bad(
    'saveSafetensors: a value that is not a Tensor',
    SafetensorsError,
    /^saveSafetensors: value of 'a' must be a Tensor; got number 3/,
    none,
    () => saveSafetensors({ a: 3 } as never),
  ),
  bad(
    'saveSafetensors: a tensor named __metadata__',
    SafetensorsError,
    /^saveSafetensors: '__metadata__' is reserved for metadata/,
    () => tuple({ __metadata__: ones([1]) }),
    saveSafetensors,
  ),
  bad(
    'saveSafetensors: a tensor named __proto__',
    SafetensorsError,
    /^saveSafetensors: tensor name '__proto__' is not allowed/,
    () => tuple({ ['__proto__']: ones([1]) }),
    (dict) => saveSafetensors(dict as Record<string, Tensor>),
  ),
  bad(
    'saveSafetensors: a metadata value that is not a string',
    SafetensorsError,
    /^saveSafetensors: metadata value of 'epoch' must be a string of valid Unicode; got number 3/,
    () => tuple({ a: ones([1]) }),
    (dict) => saveSafetensors(dict, { epoch: 3 } as never),
  ),
  bad(
    'loadSafetensors: an ArrayBuffer instead of bytes',
    SafetensorsError,
    /^loadSafetensors: expected a Uint8Array; got an ArrayBuffer/,
    none,
    () => loadSafetensors(new ArrayBuffer(16) as never),
  ),
  bad(
    'loadSafetensors: a dim written 1.0 (JSON.parse reads 1, the reference refuses it)',
    SafetensorsError,
    /^loadSafetensors: tensor 'a': shape holds 1\.0; expected integers written as digits only/,
    () => tuple(safetensorsFile('{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}', 4)),
    loadSafetensors,
  ),
  bad(
    'loadSafetensors: an offset written 4e0',
    SafetensorsError,
    /^loadSafetensors: tensor 'a': data_offsets holds 4e0; expected integers written as digits only/,
    () => tuple(safetensorsFile('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4e0]}}', 4)),
    loadSafetensors,
  ),
  bad(
    'loadSafetensors: a name holding a lone surrogate',
    SafetensorsError,
    /^loadSafetensors: tensor name "\\ud800" holds a lone surrogate; expected valid Unicode/,
    () => tuple(safetensorsFile('{"\\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 4)),
    loadSafetensors,
  ),
  bad(
    'loadSafetensors: three bytes',
    SafetensorsError,
    /^loadSafetensors: file is truncated \(3 bytes\)/,
    () => tuple(new Uint8Array([1, 2, 3])),
    loadSafetensors,
  ),
];

const groups: [string, BadInputCase[]][] = [
  ['layers', layers],
  ['state dicts', stateDicts],
  ['optimizers', optimizers],
  ['initialisers', initialisers],
  ['activations and losses', functions],
  ['JSON and safetensors', formats],
];

describe.each(groups)('bad input to @chainrule/nn: %s', (_group, rows) => {
  it.each(rows)('$name', (row) => expectTypedError(row));
});

describe('StateDictError lists the keys for programs, and a failed load changes nothing', () => {
  it('missingKeys, unexpectedKeys and mismatchedKeys hold exactly the offending keys', () => {
    const layer = trained();
    const before = layer.stateDict();
    let caught: unknown;
    try {
      layer.loadStateDict({ weight: ones([2]), extra: ones([1]) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StateDictError);
    const error = caught as StateDictError;
    expect(error.missingKeys).toEqual(['bias']);
    expect(error.unexpectedKeys).toEqual(['extra']);
    expect(error.mismatchedKeys).toEqual(['weight']);
    expect(layer.stateDict()).toEqual(before);
  });
});

describe('the catalogue itself', () => {
  it('has distinct rows covering the issue list', () => {
    const all = groups.flatMap(([, rows]) => rows);
    expect(all.length).toBeGreaterThanOrEqual(108);
    expect(new Set(all.map((row) => row.name)).size).toBe(all.length);
  });

  it('the helpers work when used correctly (so each row fails for the reason it names)', () => {
    const layer = trained();
    expect(layer.forward(row([[1, 2]])).shape).toEqual([1, 3]);
    layer.loadStateDict({ weight: ones([2, 3]), bias: ones([3]) });
    expect(new SGD(layer.parameters(), { lr: 1 }).parameters.length).toBe(2);
    expect(stateDictFromJSON(json({ a: { dtype: 'float32', shape: [1], data: [1] } })).a!.toArray()).toEqual([1]);
    expect(Object.keys(loadSafetensors(saveSafetensors({ a: ones([1]) })).tensors)).toEqual(['a']);
    expect(new Var(ones([1])).shape).toEqual([1]);
  });
});

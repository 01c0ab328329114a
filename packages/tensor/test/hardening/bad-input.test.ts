// The bad-input catalogue of @chainrule/tensor: every row builds its arguments, calls one public function and
// expects a typed error (class and name) whose message names the op and the shapes or values involved, with every
// argument left exactly as it was (whole buffers, shapes, strides and offsets compared).
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  Rng,
  ShapeError,
  Tensor,
  ValueError,
  add,
  allClose,
  arange,
  argmax,
  astype,
  broadcastShapes,
  broadcastTo,
  concat,
  exp,
  expandDims,
  eye,
  full,
  reluGrad,
  sigmoidGrad,
  tanhGrad,
  greater,
  linspace,
  logSumExp,
  matmul,
  max,
  maximum,
  mean,
  min,
  mul,
  normalizeAxes,
  ones,
  oneHot,
  pad,
  permute,
  pow,
  reshape,
  scalar,
  sigmoid,
  slice,
  squeeze,
  stack,
  sub,
  sum,
  sumTo,
  swapAxes,
  tensor,
  transpose,
  where,
  zeros,
  zerosLike,
} from '@chainrule/tensor';
import { type BadInputCase, bad, expectTypedError } from './catalogue';

/** 0, 1, 2, ... laid out in `shape` (float32). */
const f32 = (shape: number[]): Tensor => reshape(arange(shape.reduce((p, d) => p * d, 1)), shape);
const f64 = (shape: number[]): Tensor => astype(f32(shape), 'float64');
/** A transposed, offset view: bad input must not disturb views either. */
const view = (): Tensor => transpose(slice(f32([3, 4]), [1]));

const none = (): [] => [];
/** `a` with `a[0] === a`: nested arrays that never end. */
const selfContaining = (): unknown[] => {
  const a: unknown[] = [];
  a.push(a);
  return a;
};
/** `[[...[1]...]]`, `depth` arrays deep. */
const nestedArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};
/** The arguments of a row, typed as a tuple. */
const tuple = <T extends unknown[]>(...items: T): T => items;

const creation: BadInputCase[] = [
  bad(
    'tensor: ragged rows',
    ShapeError,
    /^tensor: ragged nested array: element \[1\] has length 1; expected 2/,
    none,
    () => tensor([[1, 2], [3]]),
  ),
  bad(
    'tensor: ragged at depth 2',
    ShapeError,
    /^tensor: ragged nested array: element \[1,0\] has length 2; expected 1 \(axis 2\)/,
    none,
    () =>
      tensor([
        [[1], [2]],
        [[3, 4], [5]],
      ]),
  ),
  bad(
    'tensor: a number where a row was expected',
    ShapeError,
    /^tensor: ragged nested array: expected an array of length 1 at \[1\]/,
    none,
    () => tensor([[1], 2] as never),
  ),
  bad(
    'tensor: a row where a number was expected',
    ShapeError,
    /^tensor: ragged nested array: expected a number at \[1\]/,
    none,
    () => tensor([1, [2]] as never),
  ),
  bad('tensor: a string element', ValueError, /^tensor: expected a number at \[0,1\]; got the string 'a'/, none, () =>
    tensor([[1, 'a']] as never),
  ),
  bad('tensor: a hole in the array', ValueError, /^tensor: expected a number at \[1\]; got undefined/, none, () =>
    // biome-ignore lint/suspicious/noSparseArray: the hole is what this case tests
    tensor([1, , 3] as never),
  ),
  bad(
    'tensor: an array that contains itself',
    ShapeError,
    /^tensor: the nested array contains itself at \[0\]; expected arrays of numbers without cycles/,
    () => tuple(selfContaining()),
    (values) => tensor(values as never),
  ),
  bad(
    'tensor: a cycle through two arrays',
    ShapeError,
    /^tensor: the nested array contains itself at \[0,0\]/,
    () => {
      const inner: unknown[] = [];
      const outer = [inner];
      inner.push(outer);
      return tuple(outer);
    },
    (values) => tensor(values as never),
  ),
  bad(
    'tensor: nested 65 deep',
    ShapeError,
    /^tensor: nested arrays are more than 64 deep; expected at most 64 axes/,
    () => tuple(nestedArray(65)),
    (values) => tensor(values as never),
  ),
  bad(
    'zeros: 65 axes',
    ShapeError,
    /^zeros: shape \[1,1,1,1,1,1,1,1,\.\.\.\] has 65 axes; expected at most 64/,
    none,
    () => zeros(new Array<number>(65).fill(1)),
  ),
  bad(
    'Tensor: 65 axes',
    ShapeError,
    /^Tensor: shape .* has 65 axes; expected at most 64/,
    () => tuple(new Float32Array(1)),
    (data) => new Tensor(data, new Array<number>(65).fill(1)),
  ),
  bad(
    'tensor: values do not fill the shape',
    ShapeError,
    /^tensor: cannot lay out values of shape \[3\] \(size 3\) as shape \[2,2\]/,
    none,
    () => tensor([1, 2, 3], { shape: [2, 2] }),
  ),
  bad(
    'tensor: typed array too short for the shape',
    ShapeError,
    /^tensor: shape \[2,2\] needs 4 values; got a typed array of length 3/,
    () => tuple(new Float32Array([1, 2, 3])),
    (data) => tensor(data, { shape: [2, 2] }),
  ),
  bad(
    'tensor: unknown dtype',
    DTypeError,
    /^tensor: unknown dtype 'int32'; expected 'float32' or 'float64'/,
    none,
    () => tensor([1], { dtype: 'int32' as never }),
  ),
  bad(
    'tensor: a BigInt64Array (a dtype it cannot hold)',
    DTypeError,
    /^tensor: .*(BigInt64Array|bigint)/i,
    () => tuple(new BigInt64Array(2)),
    (data) => tensor(data as never),
  ),
  bad(
    'zeros: NaN dim',
    ShapeError,
    /^zeros: shape entries must be non-negative integers; got \[2,NaN\] \(axis 1: NaN\)/,
    none,
    () => zeros([2, NaN]),
  ),
  bad('ones: Infinity dim', ShapeError, /^ones: .*\[Infinity\] \(axis 0: Infinity\)/, none, () => ones([Infinity])),
  bad('full: negative dim', ShapeError, /^full: .*\[3,-1\] \(axis 1: -1\)/, none, () => full([3, -1], 0)),
  bad('zeros: fractional dim', ShapeError, /^zeros: .*\(axis 0: 2\.5\)/, none, () => zeros([2.5])),
  bad(
    'zeros: an entry past 2^53 − 1',
    ShapeError,
    /^zeros: shape entries must be at most 2\^53 − 1; got \[9007199254740992,0\] \(axis 0: 9007199254740992\)/,
    none,
    () => zeros([2 ** 53, 0]),
  ),
  bad(
    'Tensor: an entry of 1e300 (not a safe integer)',
    ShapeError,
    /^Tensor: shape entries must be at most 2\^53 − 1; got \[1e\+300,0\]/,
    () => tuple(new Float32Array(0)),
    (data) => new Tensor(data, [1e300, 0]),
  ),
  bad('zeros: shape is not an array', ShapeError, /^zeros: shape must be an array/, none, () => zeros(6 as never)),
  bad('zeros: more elements than any buffer holds', ShapeError, /^zeros: .*\[100000,100000,100000\]/, none, () =>
    zeros([1e5, 1e5, 1e5]),
  ),
  bad('full: value is a string', ValueError, /^full: value must be a number; got the string '1'/, none, () =>
    full([2], '1' as never),
  ),
  bad('scalar: value is undefined', ValueError, /^scalar: value must be a number; got undefined/, none, () =>
    scalar(undefined as never),
  ),
  bad('arange: zero step', ValueError, /^arange: step must be non-zero/, none, () => arange(0, 1, 0)),
  bad('arange: NaN stop', ValueError, /^arange: stop must be a finite number; got NaN/, none, () => arange(Number.NaN)),
  bad('arange: more elements than any buffer holds', ShapeError, /^arange: .*\[1000000000000\]/, none, () =>
    arange(0, 1e12),
  ),
  bad('linspace: negative count', ValueError, /^linspace: num must be a non-negative integer; got -1/, none, () =>
    linspace(0, 1, -1),
  ),
  bad('linspace: Infinity bound', ValueError, /^linspace: stop must be a finite number; got Infinity/, none, () =>
    linspace(0, Infinity, 3),
  ),
  bad('eye: fractional size', ValueError, /^eye: n must be a non-negative integer; got 1\.5/, none, () => eye(1.5)),
  bad('eye: more elements than any buffer holds', ShapeError, /^eye: .*\[10000000,10000000\]/, none, () => eye(1e7)),
  bad(
    'astype: unknown dtype',
    DTypeError,
    /^astype: unknown dtype 'int8'/,
    () => tuple(view()),
    (x) => astype(x, 'int8' as never),
  ),
  bad('astype: not a tensor', ValueError, /^astype: .*Tensor/, none, () => astype([1, 2] as never, 'float64')),
  bad('Rng: NaN seed', ValueError, /^Rng: seed must be a safe integer; got NaN/, none, () => new Rng(Number.NaN)),
  bad('Rng: fractional seed', ValueError, /^Rng: seed must be a safe integer; got 1\.5/, none, () => new Rng(1.5)),
  bad(
    'Rng.uniform: low > high',
    ValueError,
    /^uniform: expected finite bounds with low < high; got low=1, high=0/,
    none,
    () => new Rng(1).uniform([2], 1, 0),
  ),
  bad(
    'Rng.uniform: float32 bounds beyond the float32 range',
    ValueError,
    /^uniform: float32 bounds must lie within ±3\.4028234663852886e\+38 \(the float32 range\); got low=-1e\+39, high=1e\+39/,
    none,
    () => new Rng(1).uniform([2], -1e39, 1e39),
  ),
  bad('Rng.normal: negative std', ValueError, /^normal: std must be a finite number >= 0; got -1/, none, () =>
    new Rng(1).normal([2], 0, -1),
  ),
  bad('Rng.normal: bad shape', ShapeError, /^normal: .*\[-2\]/, none, () => new Rng(1).normal([-2])),
  bad(
    'Tensor: data is a plain array',
    DTypeError,
    /^Tensor: data must be a Float32Array or a Float64Array; got Array/,
    none,
    () => new Tensor([1, 2] as never, [2]),
  ),
  bad(
    'Tensor: shape reaches past the buffer',
    ShapeError,
    /^Tensor: shape \[3\] with strides \[1\] and offset 0 addresses indices 0\.\.2; expected them inside the buffer of length 2/,
    () => tuple(new Float32Array(2)),
    (data) => new Tensor(data, [3]),
  ),
  bad(
    'Tensor: negative stride reaches before the buffer',
    ShapeError,
    /^Tensor: shape \[2\] with strides \[-1\] and offset 0/,
    () => tuple(new Float32Array(4)),
    (data) => new Tensor(data, [2], [-1], 0),
  ),
  bad(
    'Tensor: NaN offset',
    ShapeError,
    /^Tensor: offset must be a non-negative integer; got NaN/,
    () => tuple(new Float32Array(4)),
    (data) => new Tensor(data, [2], [1], Number.NaN),
  ),
];

const elementwise: BadInputCase[] = [
  bad(
    'add: broadcast mismatch',
    ShapeError,
    /^add: cannot broadcast shapes \[2,3\] and \[4\] \(axis 1: 3 vs 4\)/,
    () => tuple(f32([2, 3]), f32([4])),
    add,
  ),
  bad(
    'mul: broadcast mismatch on an inner axis',
    ShapeError,
    /^mul: cannot broadcast shapes \[2,3,4\] and \[3,5\] \(axis 2: 4 vs 5\)/,
    () => tuple(f32([2, 3, 4]), f32([3, 5])),
    mul,
  ),
  bad(
    'sub: a view against a mismatched tensor',
    ShapeError,
    /^sub: cannot broadcast shapes \[4,2\] and \[3\]/,
    () => tuple(view(), f32([3])),
    sub,
  ),
  bad(
    'sub: float32 with float64',
    DTypeError,
    /^sub: cannot mix dtypes; got \[2\] float32 and \[2\] float64/,
    () => tuple(f32([2]), f64([2])),
    sub,
  ),
  bad(
    'pow: a string operand',
    ValueError,
    /^pow: expected a Tensor or a number; got string/,
    () => tuple(f32([2])),
    (x) => pow(x, '2' as never),
  ),
  bad(
    'maximum: a null operand',
    ValueError,
    /^maximum: expected a Tensor or a number; got null/,
    () => tuple(f32([2])),
    (x) => maximum(null as never, x),
  ),
  bad(
    'add: a nested array operand',
    ValueError,
    /^add: expected a Tensor or a number/,
    () => tuple(f32([2])),
    (x) => add(x, [1, 2] as never),
  ),
  bad(
    'add: a broadcast result larger than any buffer',
    ShapeError,
    /^add: .*\[100000,100000,100000\]/,
    () => tuple(broadcastTo(scalar(1), [1e5, 1e5, 1e5])),
    (x) => add(x, 1),
  ),
  bad(
    'greater: broadcast mismatch',
    ShapeError,
    /^greater: cannot broadcast shapes \[2\] and \[3\]/,
    () => tuple(f32([2]), f32([3])),
    greater,
  ),
  bad(
    'where: condition is not a tensor',
    ValueError,
    /^where: condition must be a Tensor/,
    () => tuple(f32([2])),
    (x) => where([1, 0] as never, x, 0),
  ),
  bad(
    'where: broadcast mismatch',
    ShapeError,
    /^where: cannot broadcast shapes \[2\] and \[3\]/,
    () => tuple(f32([2]), f32([3])),
    (c, a) => where(c, a, 0),
  ),
  bad(
    'where: float32 with float64',
    DTypeError,
    /^where: cannot mix dtypes; got a \[2\] float32 and b \[2\] float64/,
    () => tuple(f32([2]), f32([2]), f64([2])),
    where,
  ),
  bad('exp: a number instead of a tensor', ValueError, /^exp: expected a Tensor; got number/, none, () =>
    exp(3 as never),
  ),
  bad('sigmoid: null', ValueError, /^sigmoid: expected a Tensor; got null/, none, () => sigmoid(null as never)),
];

const reductions: BadInputCase[] = [
  bad(
    'sum: axis out of range',
    ShapeError,
    /^sum: invalid axis 2 for shape \[2,3\]; expected an integer in \[-2, 2\)/,
    () => tuple(f32([2, 3])),
    (x) => sum(x, 2),
  ),
  bad(
    'mean: repeated axis',
    ShapeError,
    /^mean: repeated axis -2 in \[0,-2\] for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => mean(x, [0, -2]),
  ),
  bad(
    'max: fractional axis',
    ShapeError,
    /^max: invalid axis 0\.5 for shape \[4,2\]/,
    () => tuple(view()),
    (x) => max(x, 0.5),
  ),
  bad(
    'min: NaN axis',
    ShapeError,
    /^min: invalid axis NaN for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => min(x, Number.NaN),
  ),
  bad(
    'sum: axis is a string',
    ShapeError,
    /^sum: axis must be a number or an array of numbers/,
    () => tuple(f32([2, 3])),
    (x) => sum(x, '0' as never),
  ),
  bad(
    'argmax: a list of axes',
    ShapeError,
    /^argmax: invalid axis 0,1 for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => argmax(x, [0, 1] as never),
  ),
  bad(
    'mean: over zero elements',
    ShapeError,
    /^mean: cannot reduce over zero elements; got shape \[0,3\]/,
    () => tuple(zeros([0, 3])),
    (x) => mean(x, 0),
  ),
  bad(
    'max: over an empty axis',
    ShapeError,
    /^max: cannot reduce over zero elements; got shape \[2,0\] reduced over axis 1/,
    () => tuple(zeros([2, 0])),
    (x) => max(x, 1),
  ),
  bad(
    'logSumExp: axis out of range',
    ShapeError,
    /^logSumExp: invalid axis 5 for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => logSumExp(x, 5),
  ),
  bad(
    'sumTo: target does not broadcast',
    ShapeError,
    /^sumTo: cannot sum shape \[2,3\] to \[3,3\] \(axis 0: 2 vs 3\)/,
    () => tuple(f32([2, 3])),
    (x) => sumTo(x, [3, 3]),
  ),
  bad(
    'sumTo: target has more axes',
    ShapeError,
    /^sumTo: cannot sum shape \[3\] to \[1,3\]; the target has more axes/,
    () => tuple(f32([3])),
    (x) => sumTo(x, [1, 3]),
  ),
  bad('sum: a plain array instead of a tensor', ValueError, /^sum: .*Tensor/, none, () => sum([1, 2] as never)),
];

const products: BadInputCase[] = [
  bad(
    'matmul: inner dimensions differ',
    ShapeError,
    /^matmul: inner dimensions differ: \[2,3\] @ \[4,5\] \(3 vs 4\)/,
    () => tuple(f32([2, 3]), f32([4, 5])),
    matmul,
  ),
  bad(
    'matmul: a vector operand',
    ShapeError,
    /^matmul: expected operands of rank >= 2; got \[3\] and \[3,2\]/,
    () => tuple(f32([3]), f32([3, 2])),
    matmul,
  ),
  bad(
    'matmul: batch axes do not broadcast',
    ShapeError,
    /^matmul: batch dimensions do not broadcast: \[2,2,3\] @ \[3,3,2\] \(batch axis 0: 2 vs 3\)/,
    () => tuple(f32([2, 2, 3]), f32([3, 3, 2])),
    matmul,
  ),
  bad(
    'matmul: float32 with float64',
    DTypeError,
    /^matmul: cannot mix float32 and float64; got \[2,2\] float32 @ \[2,2\] float64/,
    () => tuple(f32([2, 2]), f64([2, 2])),
    matmul,
  ),
  bad(
    'matmul: a transposed view with the wrong inner size',
    ShapeError,
    /^matmul: inner dimensions differ: \[4,2\] @ \[4,2\] \(2 vs 4\)/,
    () => tuple(view(), view()),
    matmul,
  ),
  bad(
    'matmul: null operand',
    ValueError,
    /^matmul: .*Tensor/,
    () => tuple(f32([2, 2])),
    (b) => matmul(null as never, b),
  ),
  bad(
    'sigmoidGrad: shapes that do not broadcast',
    ShapeError,
    /^sigmoidGrad: .*\[2,3\].*\[4\]/,
    () => tuple(f32([2, 3]), f32([4])),
    (y, dy) => sigmoidGrad(y, dy),
  ),
  bad(
    'tanhGrad: mixed dtypes',
    DTypeError,
    /^tanhGrad: cannot mix dtypes/,
    () => tuple(f32([2]), f64([2])),
    (y, dy) => tanhGrad(y, dy),
  ),
  bad(
    'reluGrad: not a tensor',
    ValueError,
    /^reluGrad: /,
    () => tuple(f32([2])),
    (y) => reluGrad(y, 'x' as never),
  ),
];

const shapes: BadInputCase[] = [
  bad(
    'reshape: another size',
    ShapeError,
    /^reshape: cannot reshape \[2,3\] \(size 6\) to \[5\] \(size 5\)/,
    () => tuple(f32([2, 3])),
    (x) => reshape(x, [5]),
  ),
  bad(
    'reshape: two -1 entries',
    ShapeError,
    /^reshape: cannot reshape \[4\] to \[-1,-1\] \(axis 1: -1\)/,
    () => tuple(f32([4])),
    (x) => reshape(x, [-1, -1]),
  ),
  bad(
    'reshape: -1 without an integer solution',
    ShapeError,
    /^reshape: cannot reshape \[2,3\] \(size 6\) to \[4,-1\]; the -1 at axis 1/,
    () => tuple(f32([2, 3])),
    (x) => reshape(x, [4, -1]),
  ),
  bad(
    'reshape: NaN entry',
    ShapeError,
    /^reshape: cannot reshape \[4,2\] to \[NaN\] \(axis 0: NaN\)/,
    () => tuple(view()),
    (x) => reshape(x, [Number.NaN]),
  ),
  bad('reshape: a plain array instead of a tensor', ValueError, /^reshape: .*Tensor/, none, () =>
    reshape([1, 2] as never, [2]),
  ),
  bad(
    'transpose: repeated axis',
    ShapeError,
    /^transpose: repeated axis 0 in \[0,0\] for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => transpose(x, [0, 0]),
  ),
  bad(
    'permute: too few axes',
    ShapeError,
    /^permute: expected a permutation of 3 axes for shape \[2,3,4\]; got \[0,1\]/,
    () => tuple(f32([2, 3, 4])),
    (x) => permute(x, [0, 1]),
  ),
  bad(
    'permute: axis out of range',
    ShapeError,
    /^permute: invalid axis 3 for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => permute(x, [0, 3]),
  ),
  bad(
    'swapAxes: axis out of range',
    ShapeError,
    /^swapAxes: invalid axis 5 for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => swapAxes(x, 0, 5),
  ),
  bad(
    'expandDims: axis out of range',
    ShapeError,
    /^expandDims: invalid axis 4 for shape \[2,3\]; expected an integer in \[-3, 3\)/,
    () => tuple(f32([2, 3])),
    (x) => expandDims(x, 4),
  ),
  bad(
    'squeeze: an axis of size 3',
    ShapeError,
    /^squeeze: cannot squeeze axis 1 of shape \[1,3\] \(size 3\); expected size 1/,
    () => tuple(f32([1, 3])),
    (x) => squeeze(x, 1),
  ),
  bad(
    'broadcastTo: incompatible',
    ShapeError,
    /^broadcastTo: cannot broadcast \[2,3\] to \[3,3\] \(axis 0: 2 vs 3\)/,
    () => tuple(f32([2, 3])),
    (x) => broadcastTo(x, [3, 3]),
  ),
  bad(
    'broadcastTo: fewer axes',
    ShapeError,
    /^broadcastTo: cannot broadcast \[2,3\] to \[3\]; the target has fewer axes/,
    () => tuple(f32([2, 3])),
    (x) => broadcastTo(x, [3]),
  ),
  bad(
    'reshape: 65 axes',
    ShapeError,
    /^reshape: shape .* has 65 axes; expected at most 64/,
    () => tuple(f32([1])),
    (x) => reshape(x, new Array<number>(65).fill(1)),
  ),
  bad(
    'broadcastTo: 65 axes',
    ShapeError,
    /^broadcastTo: shape .* has 65 axes; expected at most 64/,
    () => tuple(f32([2])),
    (x) => broadcastTo(x, new Array<number>(65).fill(2)),
  ),
  bad(
    'expandDims: past 64 axes',
    ShapeError,
    /^expandDims: shape .* has 65 axes; expected at most 64/,
    () => tuple(zeros(new Array<number>(64).fill(1))),
    (x) => expandDims(x, 0),
  ),
  bad(
    'broadcastTo: NaN target',
    ShapeError,
    /^broadcastTo: cannot broadcast \[1\] to \[NaN\]/,
    () => tuple(f32([1])),
    (x) => broadcastTo(x, [Number.NaN]),
  ),
  bad(
    'slice: end past the axis',
    ShapeError,
    /^slice: end 4 is out of range on axis 1 of shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => slice(x, [0, 1], [2, 4]),
  ),
  bad(
    'slice: begin after end',
    ShapeError,
    /^slice: empty range reversed on axis 0 of shape \[2,3\]: begin 2 > end 1/,
    () => tuple(f32([2, 3])),
    (x) => slice(x, [2], [1]),
  ),
  bad(
    'slice: more bounds than axes',
    ShapeError,
    /^slice: too many bounds for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (x) => slice(x, [0, 0, 0]),
  ),
  bad(
    'slice: NaN bound',
    ShapeError,
    /^slice: begin NaN is out of range on axis 0 of shape \[4,2\]/,
    () => tuple(view()),
    (x) => slice(x, [Number.NaN]),
  ),
  bad(
    'pad: negative amount',
    ShapeError,
    /^pad: padding for axis 0 of shape \[2\] must be a pair of non-negative integers; got \[-1,0\]/,
    () => tuple(f32([2])),
    (x) => pad(x, [[-1, 0]]),
  ),
  bad(
    'pad: more pairs than axes',
    ShapeError,
    /^pad: expected at most 1 \[before, after\] pairs for shape \[2\]; got 2/,
    () => tuple(f32([2])),
    (x) =>
      pad(x, [
        [0, 0],
        [0, 0],
      ]),
  ),
  bad(
    'pad: amounts that make an axis Infinity long',
    ShapeError,
    /^pad: padding \[1e\+308,1e\+308\] makes axis 1 of shape \[0,2\] Infinity long; expected at most 2\^53 − 1/,
    () => tuple(zeros([0, 2])),
    (x) =>
      pad(x, [
        [0, 0],
        [1e308, 1e308],
      ]),
  ),
  bad(
    'pad: an axis padded past 2^53 − 1',
    ShapeError,
    /^pad: padding \[9007199254740992,0\] makes axis 0 of shape \[0\] 9007199254740992 long/,
    () => tuple(zeros([0])),
    (x) => pad(x, [[2 ** 53, 0]]),
  ),
  bad(
    'reshape: an entry past 2^53 − 1',
    ShapeError,
    /^reshape: cannot reshape \[0\] to \[9007199254740992,0\] \(axis 0: 9007199254740992\)/,
    () => tuple(zeros([0])),
    (x) => reshape(x, [2 ** 53, 0]),
  ),
  bad(
    'broadcastTo: an entry past 2^53 − 1',
    ShapeError,
    /^broadcastTo: cannot broadcast \[1,0\] to \[9007199254740992,0\] \(axis 0: 9007199254740992 is not an integer in \[0, 2\^53 − 1\]\)/,
    () => tuple(zeros([1, 0])),
    (x) => broadcastTo(x, [2 ** 53, 0]),
  ),
  bad(
    'concat: a joined axis past 2^53 − 1',
    ShapeError,
    /^concat: the joined axis 0 would be 13510798882111488 long/,
    () => tuple(zeros([2 ** 52, 0])),
    (x) => concat([x, x, x]),
  ),
  bad(
    'concat: empty list',
    ShapeError,
    /^concat: expected a non-empty array of tensors; got an empty array/,
    none,
    () => concat([]),
  ),
  bad(
    'concat: ranks differ',
    ShapeError,
    /^concat: tensors must have the same rank; got \[2\], \[2,1\]/,
    () => tuple(f32([2]), f32([2, 1])),
    (a, b) => concat([a, b]),
  ),
  bad(
    'concat: other axes differ',
    ShapeError,
    /^concat: shapes differ off the concatenation axis 0; got \[2,3\], \[2,4\] \(tensor 1, axis 1: 4 vs 3\)/,
    () => tuple(f32([2, 3]), f32([2, 4])),
    (a, b) => concat([a, b], 0),
  ),
  bad(
    'concat: float32 with float64',
    DTypeError,
    /^concat: cannot mix dtypes; tensor 1 is float64, tensor 0 is float32/,
    () => tuple(f32([2]), f64([2])),
    (a, b) => concat([a, b]),
  ),
  bad(
    'concat: axis out of range',
    ShapeError,
    /^concat: invalid axis 1 for shape \[2\]/,
    () => tuple(f32([2])),
    (a) => concat([a, a], 1),
  ),
  bad(
    'stack: shapes differ',
    ShapeError,
    /^stack: tensors must have the same shape; got \[2\], \[3\]/,
    () => tuple(f32([2]), f32([3])),
    (a, b) => stack([a, b]),
  ),
  bad(
    'stack: axis out of range',
    ShapeError,
    /^stack: invalid axis 3 for shape \[2,3\]/,
    () => tuple(f32([2, 3])),
    (a) => stack([a, a], 3),
  ),
  bad(
    'stack: float32 with float64 (message names stack)',
    DTypeError,
    /^stack: .*float64/,
    () => tuple(f32([2]), f64([2])),
    (a, b) => stack([a, b]),
  ),
];

const access: BadInputCase[] = [
  bad(
    'item: more than one element',
    ShapeError,
    /^item: expected a tensor with exactly one element; got shape \[2\]/,
    () => tuple(f32([2])),
    (x) => x.item(),
  ),
  bad(
    'get: index out of range',
    ShapeError,
    /^get: index \[0,3\] is out of range for shape \[2,3\] \(axis 1: 3/,
    () => tuple(f32([2, 3])),
    (x) => x.get(0, 3),
  ),
  bad(
    'get: wrong number of indices',
    ShapeError,
    /^get: expected 2 indices for shape \[2,3\]; got 1/,
    () => tuple(f32([2, 3])),
    (x) => x.get(0),
  ),
  bad(
    'broadcastShapes: names the caller',
    ShapeError,
    /^myOp: cannot broadcast shapes \[2,3\] and \[4\] \(axis 1: 3 vs 4\)/,
    none,
    () => broadcastShapes([2, 3], [4], 'myOp'),
  ),
  bad('broadcastShapes: a number instead of a shape', ShapeError, /^broadcastShapes: .*2/, none, () =>
    broadcastShapes(2 as never, [3]),
  ),
  bad('normalizeAxes: repeated axis', ShapeError, /^myOp: repeated axis -1 in \[1,-1\] for rank 2/, none, () =>
    normalizeAxes([1, -1], 2, 'myOp'),
  ),
  bad(
    'allClose: shapes differ',
    ShapeError,
    /^allClose: shapes differ; got \[2\] and \[3\]/,
    () => tuple(f32([2]), f32([3])),
    allClose,
  ),
];

/** A cheap broadcast view of 10^15 elements: every op that would materialise it must say which op and which shape. */
const hugeView = (): Tensor => broadcastTo(scalar(1), [1e5, 1e5, 1e5]);

const allocationAndOptions: BadInputCase[] = [
  bad(
    'exp: a huge view (the allocation error names exp and the shape of the view)',
    ShapeError,
    /^exp: cannot allocate shape \[100000,100000,100000\] \(1000000000000000 float32 elements\)/,
    () => tuple(hugeView()),
    exp,
  ),
  bad(
    'sum: over one axis of a huge view',
    ShapeError,
    /^sum: cannot allocate shape \[100000,100000/,
    () => tuple(hugeView()),
    (x) => sum(x, 1),
  ),
  bad(
    'reshape: a huge view that must be copied',
    ShapeError,
    /^reshape: cannot allocate shape \[100000,100000,100000\]/,
    () => tuple(hugeView()),
    (x) => reshape(x, [-1]),
  ),
  bad(
    'zerosLike: a huge view',
    ShapeError,
    /^zerosLike: cannot allocate shape \[100000,100000,100000\]/,
    () => tuple(hugeView()),
    zerosLike,
  ),
  bad(
    'astype: a huge view',
    ShapeError,
    /^astype: cannot allocate shape \[100000,100000,100000\]/,
    () => tuple(hugeView()),
    (x) => astype(x, 'float64'),
  ),
  bad(
    'where: a huge view',
    ShapeError,
    /^where: cannot allocate shape \[100000,100000,100000\]/,
    () => tuple(hugeView()),
    (x) => where(x, 1, 0),
  ),
  bad(
    'contiguous(): a huge view',
    ShapeError,
    /^contiguous: cannot allocate shape \[100000,100000,100000\]/,
    () => tuple(hugeView()),
    (x) => x.contiguous(),
  ),
  bad('tensor: null options', ValueError, /^tensor: options must be an object; got null/, none, () =>
    tensor([1, 2], null as never),
  ),
  bad(
    'tensor: a string as options',
    ValueError,
    /^tensor: options must be an object; got the string 'float64'/,
    none,
    () => tensor([1, 2], 'float64' as never),
  ),
  bad('zeros: null options', ValueError, /^zeros: options must be an object; got null/, none, () =>
    zeros([2], null as never),
  ),
  bad('arange: null options', ValueError, /^arange: options must be an object; got null/, none, () =>
    arange(3, null as never),
  ),
  bad('Rng.uniform: null options', ValueError, /^uniform: options must be an object; got null/, none, () =>
    new Rng(1).uniform([2], 0, 1, null as never),
  ),
  bad(
    'matmul: null options',
    ValueError,
    /^matmul: options must be an object; got null/,
    () => tuple(f32([2, 2])),
    (x) => matmul(x, x, null as never),
  ),
  bad(
    'matmul: transposeA is the string yes',
    ValueError,
    /^matmul: transposeA must be true or false; got the string 'yes'/,
    () => tuple(f32([2, 2])),
    (x) => matmul(x, x, { transposeA: 'yes' as never }),
  ),
  bad(
    'matmul: transposeB is 1',
    ValueError,
    /^matmul: transposeB must be true or false; got number 1/,
    () => tuple(f32([2, 2])),
    (x) => matmul(x, x, { transposeB: 1 as never }),
  ),
  bad(
    'sum: keepDims is the string no',
    ValueError,
    /^sum: keepDims must be true or false; got the string 'no'/,
    () => tuple(f32([2, 2])),
    (x) => sum(x, 0, 'no' as never),
  ),
  bad(
    'sum: keepDims is 0 (a whole-tensor sum)',
    ValueError,
    /^sum: keepDims must be true or false; got number 0/,
    () => tuple(f32([2, 2])),
    (x) => sum(x, undefined, 0 as never),
  ),
  bad(
    'max: keepDims is 1',
    ValueError,
    /^max: keepDims must be true or false; got number 1/,
    () => tuple(f32([2, 2])),
    (x) => max(x, 1, 1 as never),
  ),
  bad('oneHot: null options', ValueError, /^oneHot: options must be an object; got null/, none, () =>
    oneHot([0], 2, null as never),
  ),
  bad(
    'oneHot: classes past 2^53 − 1 (even with no index)',
    ShapeError,
    /^oneHot: shape entries must be at most 2\^53 − 1; got \[0,9007199254740992\]/,
    none,
    () => oneHot([], 2 ** 53),
  ),
  bad(
    'allClose: null options',
    ValueError,
    /^allClose: options must be an object; got null/,
    () => tuple(f32([2])),
    (x) => allClose(x, x, null as never),
  ),
];

const groups: [string, BadInputCase[]][] = [
  ['creation', creation],
  ['element-wise', elementwise],
  ['reductions', reductions],
  ['matmul', products],
  ['shape ops', shapes],
  ['access and utilities', access],
  ['allocation errors and options', allocationAndOptions],
];

describe.each(groups)('bad input to @chainrule/tensor: %s', (_group, rows) => {
  it.each(rows)('$name', (row) => expectTypedError(row));
});

describe('the catalogue itself', () => {
  it('has a row for every kind of bad input listed in the issue', () => {
    const all = groups.flatMap(([, rows]) => rows);
    expect(all.length).toBeGreaterThanOrEqual(135);
    expect(new Set(all.map((row) => row.name)).size).toBe(all.length);
  });

  it('the helpers build valid tensors (so every row fails for the reason it names)', () => {
    expect(f32([2, 3]).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(f64([2]).dtype).toBe('float64');
    expect(view().shape).toEqual([4, 2]);
    expect(view().isContiguous()).toBe(false);
  });
});

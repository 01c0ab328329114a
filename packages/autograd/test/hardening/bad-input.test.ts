// The bad-input catalogue of @chainrule/autograd: op inputs, shape and dtype errors raised through the graph,
// backward misuse (released graphs, seeds), user ops with broken backward rules, the functional API and checkGrad.
// Each row expects a typed error whose message names the op and the shapes, and leaves every argument (values,
// gradients, requiresGrad) exactly as it was: a failed backward must not half-fill `.grad`.
import { describe, expect, it } from 'vitest';
import {
  GradCheckError,
  GraphError,
  Var,
  add,
  broadcastTo,
  checkGrad,
  concat,
  constant,
  defineOp,
  expandDims,
  gradients,
  grad,
  matmul,
  mul,
  noGrad,
  pad,
  reshape,
  slice,
  squeeze,
  stack,
  sigmoidGrad,
  sum,
  sumTo,
  toDot,
  toMermaid,
  transpose,
  valueAndGrad,
  variable,
  where,
} from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { DTypeError, ShapeError, type Tensor, ValueError, arange, astype, ones, tensor } from '@chainrule/tensor';
import { type BadInputCase, bad, expectTypedError } from './catalogue';

const tuple = <T extends unknown[]>(...items: T): T => items;
const none = (): [] => [];
/** A trainable leaf holding 0, 1, 2, ... in `shape` (float32, or float64 on request). */
const leaf = (shape: number[], dtype: 'float32' | 'float64' = 'float32'): Var => {
  const values = T.reshape(arange(shape.reduce((p, d) => p * d, 1)), shape);
  return variable(dtype === 'float64' ? astype(values, 'float64') : values);
};

/** A user op `out = 2x` whose backward returns whatever `rule` gives. */
function userOp(name: string, rule: (g: Var, x: Var) => unknown): (x: Var) => Var {
  return defineOp<[Tensor]>({
    name,
    forward: ([x]) => T.mul(x, 2),
    backward: (g, [x]) => rule(g, x) as [Var | null],
  });
}
/** A user op with two inputs `out = a + b` whose backward returns whatever `rule` gives. */
function userOp2(name: string, rule: (g: Var) => unknown): (a: Var, b: Var) => Var {
  return defineOp<[Tensor, Tensor]>({
    name,
    forward: ([a, b]) => T.add(a, b),
    backward: (g) => rule(g) as [Var | null, Var | null],
  });
}

/** A leaf and a scalar loss built from it, already walked once by backward() (so its graph is released). */
function released(): [Var, Var, Var] {
  const x = leaf([2]);
  const y = mul(x, x);
  const loss = sum(y);
  loss.backward();
  return [x, y, loss];
}

const opInputs: BadInputCase[] = [
  bad(
    'add: a string input',
    GraphError,
    /^add: input 1 must be a Var, a Tensor or a number; got string/,
    () => tuple(leaf([2])),
    (x) => add(x, 'a' as never),
  ),
  bad(
    'mul: a null input',
    GraphError,
    /^mul: input 0 must be a Var, a Tensor or a number; got null/,
    () => tuple(leaf([2])),
    (x) => mul(null as never, x),
  ),
  bad(
    'mul: a nested array as the second input',
    GraphError,
    /^mul: input 1 must be a Var, a Tensor or a number; got an array/,
    () => tuple(leaf([2])),
    (x) => mul(x, [1, 2] as never),
  ),
  bad(
    'add: a nested array as the first input (not a list of inputs)',
    GraphError,
    /^add: input 0 .*array/,
    () => tuple(leaf([2])),
    (x) => add([1, 2] as never, x),
  ),
  bad(
    'where: a string condition',
    GraphError,
    /^where: input 0 must be a Var, a Tensor or a number; got string/,
    () => tuple(leaf([2])),
    (x) => where('x' as never, x, x),
  ),
  bad(
    'add: broadcast mismatch',
    ShapeError,
    /^add: cannot broadcast shapes \[2\] and \[3\] \(axis 0: 2 vs 3\)/,
    () => tuple(leaf([2]), leaf([3])),
    add,
  ),
  bad(
    'mul: float32 with float64',
    DTypeError,
    /^mul: cannot mix dtypes; got \[2\] float32 and \[2\] float64/,
    () => tuple(leaf([2]), leaf([2], 'float64')),
    mul,
  ),
  bad(
    'mul: a float64 constant tensor into a float32 graph',
    DTypeError,
    /^mul: cannot mix dtypes; got \[2\] float32 and \[2\] float64/,
    () => tuple(leaf([2]), ones([2], { dtype: 'float64' })),
    (x, t) => mul(x, t),
  ),
  bad(
    'matmul: inner dimensions differ',
    ShapeError,
    /^matmul: inner dimensions differ: \[2,3\] @ \[2,3\] \(3 vs 2\)/,
    () => tuple(leaf([2, 3]), leaf([2, 3])),
    matmul,
  ),
  bad(
    'matmul: a vector operand',
    ShapeError,
    /^matmul: expected operands of rank >= 2; got \[3\] and \[3,2\]/,
    () => tuple(leaf([3]), leaf([3, 2])),
    matmul,
  ),
  bad(
    'sigmoidGrad: shapes that do not broadcast',
    ShapeError,
    /^sigmoidGrad: .*\[2,3\].*\[2\]/,
    () => tuple(leaf([2, 3]), leaf([2])),
    (y, dy) => sigmoidGrad(y, dy),
  ),
  bad(
    'matmul: a transpose flag that is not a boolean',
    ValueError,
    /^matmul: options.transposeB must be a boolean; got string yes/,
    () => tuple(leaf([2, 2]), leaf([2, 2])),
    (a, b) => matmul(a, b, { transposeB: 'yes' as never }),
  ),
  bad(
    'sum: axis out of range',
    ShapeError,
    /^sum: invalid axis 2 for shape \[2,3\]/,
    () => tuple(leaf([2, 3])),
    (x) => sum(x, 2),
  ),
  bad(
    'sum: repeated axis',
    ShapeError,
    /^sum: repeated axis -1 in \[1,-1\] for shape \[2,3\]/,
    () => tuple(leaf([2, 3])),
    (x) => sum(x, [1, -1]),
  ),
  bad(
    'reshape: another size',
    ShapeError,
    /^reshape: cannot reshape \[2,3\] \(size 6\) to \[4\] \(size 4\)/,
    () => tuple(leaf([2, 3])),
    (x) => reshape(x, [4]),
  ),
  bad(
    'transpose: repeated axis',
    ShapeError,
    /^transpose: repeated axis 1 in \[1,1\] for shape \[2,3\]/,
    () => tuple(leaf([2, 3])),
    (x) => transpose(x, [1, 1]),
  ),
  bad(
    'slice: end out of range',
    ShapeError,
    /^slice: end 5 is out of range on axis 0 of shape \[2,3\]/,
    () => tuple(leaf([2, 3])),
    (x) => slice(x, [0], [5]),
  ),
  bad(
    'pad: negative amount',
    ShapeError,
    /^pad: padding for axis 0 of shape \[2\] must be a pair of non-negative integers/,
    () => tuple(leaf([2])),
    (x) => pad(x, [[0, -1]]),
  ),
  bad(
    'squeeze: an axis of size 2',
    ShapeError,
    /^squeeze: cannot squeeze axis 0 of shape \[2\] \(size 2\)/,
    () => tuple(leaf([2])),
    (x) => squeeze(x, 0),
  ),
  bad(
    'expandDims: axis out of range',
    ShapeError,
    /^expandDims: invalid axis 3 for shape \[2\]/,
    () => tuple(leaf([2])),
    (x) => expandDims(x, 3),
  ),
  bad(
    'broadcastTo: incompatible',
    ShapeError,
    /^broadcastTo: cannot broadcast \[2\] to \[3\] \(axis 0: 2 vs 3\)/,
    () => tuple(leaf([2])),
    (x) => broadcastTo(x, [3]),
  ),
  bad(
    'sumTo: target does not broadcast',
    ShapeError,
    /^sumTo: cannot sum shape \[2,3\] to \[2\]/,
    () => tuple(leaf([2, 3])),
    (x) => sumTo(x, [2]),
  ),
  bad('concat: empty list', ShapeError, /^concat: expected a non-empty array of tensors/, none, () => concat([])),
  bad(
    'concat: ranks differ',
    ShapeError,
    /^concat: tensors must have the same rank; got \[1,1\], \[1\]/,
    () => tuple(leaf([1, 1]), leaf([1])),
    (a, b) => concat([a, b]),
  ),
  bad(
    'stack: shapes differ',
    ShapeError,
    /^stack: tensors must have the same shape; got \[1\], \[2\]/,
    () => tuple(leaf([1]), leaf([2])),
    (a, b) => stack([a, b]),
  ),
  bad(
    'item: more than one element',
    ShapeError,
    /^item: expected a tensor with exactly one element; got shape \[2\]/,
    () => tuple(leaf([2])),
    (x) => x.item(),
  ),
];

const backwardMisuse: BadInputCase[] = [
  bad(
    'backward: twice through a released graph',
    GraphError,
    /^backward: the graph was released after backward \(at op sum, shape \[\]\); pass \{ retainGraph: true \}/,
    () => released(),
    (_x, _y, loss) => loss.backward(),
  ),
  bad(
    'backward: a new output built on a released part',
    GraphError,
    /^backward: the graph was released after backward \(at op mul, shape \[2\]\)/,
    () => released(),
    (_x, y, _loss) => sum(y).backward(),
  ),
  bad(
    'gradients: through a released graph',
    GraphError,
    /^backward: the graph was released after backward \(at op sum, shape \[\]\)/,
    () => released(),
    (x, _y, loss) => gradients(loss, [x]),
  ),
  bad(
    'backward: a non-scalar output without a seed',
    GraphError,
    /^backward: output of shape \[2,3\] is not a scalar; pass a seed gradient/,
    () => tuple(leaf([2, 3])),
    (x) => mul(x, x).backward(),
  ),
  bad(
    'backward: a seed of the wrong shape',
    ShapeError,
    /^backward: seed of shape \[3\] does not match the output's shape; expected \[2\]/,
    () => tuple(leaf([2]), ones([3])),
    (x, seed) => mul(x, x).backward(seed),
  ),
  bad(
    'backward: a seed of the wrong dtype',
    DTypeError,
    /^backward: seed is float64 but the output is float32/,
    () => tuple(leaf([2]), ones([2], { dtype: 'float64' })),
    (x, seed) => mul(x, x).backward(seed),
  ),
  bad(
    'backward: a seed that is a plain array',
    GraphError,
    /^backward: seed must be a Tensor or a Var; got an array/,
    () => tuple(leaf([2])),
    (x) => mul(x, x).backward([1, 1] as never),
  ),
  bad(
    'backward: an output computed from constants only',
    GraphError,
    /^backward: this Var \(op leaf, shape \[\]\) does not require grad/,
    () => tuple(constant(ones([2]))),
    (c) => sum(c).backward(),
  ),
  bad(
    'backward: an output computed inside noGrad',
    GraphError,
    /^backward: this Var \(op leaf, shape \[\]\) does not require grad/,
    () => tuple(leaf([2])),
    (x) => noGrad(() => sum(mul(x, x))).backward(),
  ),
  bad(
    'gradients: an input that does not require grad',
    GraphError,
    /^gradients: input 0 \(shape \[2\]\) does not require grad/,
    () => tuple(leaf([2]), constant(ones([2]))),
    (x, c) => gradients(sum(mul(x, c)), [c]),
  ),
  bad(
    'gradients: an input that is a number',
    GraphError,
    /^gradients: input 0 must be a Var; got number 3/,
    () => tuple(leaf([2])),
    (x) => gradients(sum(x), [3 as never]),
  ),
];

const userOps: BadInputCase[] = [
  bad(
    'user op: backward returns two gradients for one input',
    GraphError,
    /^twice: backward returned 2 gradients \(\[2\], \[2\]\) for 1 input of shapes \[2\]; expected one gradient \(or null\) per input/,
    () => tuple(leaf([2])),
    (x) => sum(userOp('twice', (g) => [g, g])(x)).backward(),
  ),
  bad(
    'user op: backward returns one gradient for two inputs',
    GraphError,
    /^half: backward returned 1 gradients \(\[2\]\) for 2 inputs of shapes \[2\], \[2\]/,
    () => tuple(leaf([2]), leaf([2])),
    (a, b) => sum(userOp2('half', (g) => [g])(a, b)).backward(),
  ),
  bad(
    'user op: backward returns no array',
    GraphError,
    /^bare: backward returned an object .* for 1 input of shapes \[2\]/,
    () => tuple(leaf([2])),
    (x) => sum(userOp('bare', (g) => g)(x)).backward(),
  ),
  bad(
    'user op: a gradient of the wrong shape',
    ShapeError,
    /^summed: backward returned a gradient of shape \[\] for input 0 of shape \[2\]; expected the input's shape/,
    () => tuple(leaf([2])),
    (x) => sum(userOp('summed', (g) => [sum(g)])(x)).backward(),
  ),
  bad(
    'user op: a Tensor instead of a Var',
    GraphError,
    /^raw: backward returned an object \(Tensor\) as gradient 0; expected a Var or null/,
    () => tuple(leaf([2])),
    (x) => sum(userOp('raw', (g) => [g.value])(x)).backward(),
  ),
  bad(
    'user op: a gradient of the wrong dtype',
    DTypeError,
    /^widened: backward returned a float64 gradient for input 0 \(float32, shape \[2\]\)/,
    () => tuple(leaf([2])),
    (x) => sum(userOp('widened', () => [constant(ones([2], { dtype: 'float64' }))])(x)).backward(),
  ),
  bad(
    'user op: the error surfaces through grad() too',
    GraphError,
    /^twice: backward returned 2 gradients/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => sum(userOp('twice', (g) => [g, g])(v)))(x),
  ),
  bad(
    'user op: forward returns a number',
    GraphError,
    /^bad: forward must return a Tensor; got number 3/,
    () => tuple(leaf([1])),
    (x) => defineOp<[Tensor]>({ name: 'bad', forward: () => 3 as never, backward: (g) => [g] })(x),
  ),
  bad(
    'defineOp: null definition',
    GraphError,
    /^defineOp: expected \{ name, forward, backward \}; got null/,
    none,
    () => defineOp(null as never),
  ),
  bad('defineOp: empty name', GraphError, /^defineOp: name must be a non-empty string/, none, () =>
    defineOp({ name: '', forward: () => ones([1]), backward: () => [] } as never),
  ),
  bad('defineOp: no backward', GraphError, /^defineOp: op 'half' needs forward and backward functions/, none, () =>
    defineOp({ name: 'half', forward: () => ones([1]) } as never),
  ),
];

const functional: BadInputCase[] = [
  bad('grad: not a function', GraphError, /^grad: expected a function; got number 3/, none, () => grad(3 as never)),
  bad(
    'grad: argnums past the arguments',
    ValueError,
    /^grad: argnums entry number 2 is not an argument index; the function was called with 1 argument/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => sum(v), 2)(x),
  ),
  bad(
    'grad: fractional argnums',
    ValueError,
    /^grad: argnums entry number 0\.5/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => sum(v), 0.5)(x),
  ),
  bad(
    'grad: empty argnums',
    ValueError,
    /^grad: argnums must be an argument index or a non-empty array/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => sum(v), [])(x),
  ),
  bad(
    'grad: f returns a non-scalar',
    GraphError,
    /^grad: f must return a scalar \(size 1\) Var; got shape \[2\]/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => mul(v, 2))(x),
  ),
  bad(
    'grad: f returns a Tensor',
    GraphError,
    /^grad: f must return a Var; got an object \(Tensor\)/,
    () => tuple(ones([2])),
    (x) => grad((v: Var) => v.value as never)(x),
  ),
  bad(
    'grad: an argument that is a nested array',
    GraphError,
    /^grad: argument 0 must be a Tensor or a Var; got an array/,
    none,
    () => grad((v: Var) => sum(v))([1, 2] as never),
  ),
  bad(
    'valueAndGrad: f returns a non-scalar',
    GraphError,
    /^valueAndGrad: f must return a scalar \(size 1\) Var; got shape \[2,2\]/,
    () => tuple(ones([2, 2])),
    (x) => valueAndGrad((v: Var) => v)(x),
  ),
  bad('checkGrad: no inputs', ValueError, /^checkGrad: inputs must be a non-empty array of Tensors/, none, () =>
    checkGrad((v: Var) => sum(v), []),
  ),
  bad(
    'checkGrad: order 3',
    ValueError,
    /^checkGrad: order must be 1 or 2; got number 3/,
    () => tuple(ones([2])),
    (x) => checkGrad((v: Var) => sum(v), [x], { order: 3 as never }),
  ),
  bad(
    'checkGrad: eps 0',
    ValueError,
    /^checkGrad: eps must be a finite positive number; got number 0/,
    () => tuple(ones([2])),
    (x) => checkGrad((v: Var) => sum(v), [x], { eps: 0 }),
  ),
  bad(
    'checkGrad: null options',
    ValueError,
    /^checkGrad: options must be an object; got null/,
    () => tuple(tensor([0.5, -1], { dtype: 'float64' })),
    (x) => checkGrad((v: Var) => sum(v), [x], null as never),
  ),
  bad(
    'sum: keepDims is the string no (not read as true)',
    ValueError,
    /^sum: keepDims must be true or false; got the string 'no'/,
    () => tuple(leaf([2, 2])),
    (x) => sum(x, 0, 'no' as never),
  ),
  bad(
    'checkGrad: a wrong backward rule',
    GradCheckError,
    /^checkGrad: gradient of input 0 \(shape \[2\]\) disagrees with finite differences at element \[\d\]/,
    () => tuple(tensor([0.5, -1], { dtype: 'float64' })),
    (x) =>
      checkGrad(
        userOp('tripled', (g) => [mul(g, 3)]),
        [x],
      ),
  ),
  bad(
    'Var: a plain array value',
    GraphError,
    /^Var: value must be a Tensor; got an array/,
    none,
    () => new Var([1, 2] as never),
  ),
  bad(
    'variable: an array that contains itself',
    ShapeError,
    /^tensor: the nested array contains itself at \[0\]/,
    () => {
      const values: unknown[] = [];
      values.push(values);
      return tuple(values);
    },
    (values) => variable(values as never),
  ),
  bad(
    'variable: ragged nested arrays',
    ShapeError,
    /^tensor: ragged nested array: element \[1\] has length 2; expected 1/,
    none,
    () => variable([[1], [1, 2]]),
  ),
  bad('variable: unknown dtype', DTypeError, /^tensor: unknown dtype 'int8'/, none, () =>
    variable([1], { dtype: 'int8' as never }),
  ),
  bad('toDot: not a Var', GraphError, /^toDot: .*Var/, none, () => toDot(3 as never)),
  bad('toMermaid: not a Var', GraphError, /^toMermaid: .*Var/, none, () => toMermaid(null as never)),
];

const groups: [string, BadInputCase[]][] = [
  ['op inputs, shapes and dtypes', opInputs],
  ['backward misuse', backwardMisuse],
  ['user ops with broken rules', userOps],
  ['functional API and checkGrad', functional],
];

describe.each(groups)('bad input to @chainrule/autograd: %s', (_group, rows) => {
  it.each(rows)('$name', (row) => expectTypedError(row));
});

describe('the catalogue itself', () => {
  it('has distinct rows covering the issue list', () => {
    const all = groups.flatMap(([, rows]) => rows);
    expect(all.length).toBeGreaterThanOrEqual(65);
    expect(new Set(all.map((row) => row.name)).size).toBe(all.length);
  });

  it('the helpers work when used correctly (so each row fails for the reason it names)', () => {
    expect(leaf([2, 3]).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const [x] = released();
    expect(x.grad?.toArray()).toEqual([0, 2]);
    const ok = userOp('doubled', (g) => [mul(g, 2)]);
    const y = leaf([2]);
    sum(ok(y)).backward();
    expect(y.grad?.toArray()).toEqual([2, 2]);
    expect(() =>
      checkGrad(
        userOp('doubled', (g) => [mul(g, 2)]),
        [tensor([0.5, -1], { dtype: 'float64' })],
      ),
    ).not.toThrow();
  });
});

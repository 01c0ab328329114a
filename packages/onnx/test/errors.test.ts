import * as A from '@chainrule/autograd';
import { type Var, defineOp, noGrad } from '@chainrule/autograd';
import { Dense, Dropout, Module, Parameter, Sequential, logSoftmax } from '@chainrule/nn';
import { OnnxExportError, type OnnxLoweringContext, UnsupportedOpError, exportOnnx } from '@chainrule/onnx';
import * as T from '@chainrule/tensor';
import { ChainruleError, Rng, type Tensor, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const x = new Rng(1).uniform([7, 6], -1, 1);
const double = defineOp<[Tensor]>({
  name: 'double',
  forward: ([v]) => T.mul(v, 2),
  backward: (grad) => [A.mul(grad, 2)], // d/dx 2x = 2
});

/** The error `fn` throws (failing the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return expect.fail('expected a throw');
}

describe('exportOnnx refuses what ONNX cannot stand for', () => {
  it('names an op without a lowering', () => {
    const error = thrown(() => exportOnnx((v: Var) => A.tanh(double(v)), x));
    expect(error).toBeInstanceOf(UnsupportedOpError);
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error).toBeInstanceOf(ChainruleError);
    expect((error as UnsupportedOpError).op).toBe('double');
    expect(error.message).toMatch(
      /^exportOnnx: op 'double' \(node 0, output \[7,6\] float32\) has no ONNX lowering; the built-in ones cover abs, add, .*; pass one as options\.lowerings\['double'\]$/,
    );
  });

  it('refuses a constant computed from an input value, naming the op that reads it', () => {
    const centered = (v: Var) => A.sub(v, T.max(v.value)); // the maximum would be frozen into the graph
    const error = thrown(() => exportOnnx(centered, x));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /^exportOnnx: the traced graph depends on the example inputs' values, so no ONNX graph stands for it: traced on the examples and other values of the same shapes, constant 'constant', read by node 0 \('sub', output \[7,6\], lowered to Sub\) holds \[\] \[0\.\d+\] in the first and \[\] \[\d\.\d+\] in the second\. Common causes: /,
    );
  });

  it('refuses a shape holding the batch size with a dynamic batch axis, and accepts it without', () => {
    const flat = (v: Var) => A.reshape(v, [v.shape[0]! * 6]); // reads the traced batch size
    const error = thrown(() => exportOnnx(flat, x, { dynamicBatch: true }));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toContain("depends on the example inputs' values or batch size");
    expect(error.message).toContain('traced on the examples with batch 7 and other values with batch 8');
    expect(error.message).toContain(
      "constant 'reshape_0_constant', read by node 0 ('reshape', output [42], lowered to Reshape) holds [1] [42] in the first and [1] [48] in the second",
    );
    expect(() => exportOnnx(flat, x)).not.toThrow();
    expect(() => exportOnnx((v: Var) => A.reshape(v, [-1]), x, { dynamicBatch: true })).not.toThrow();
  });

  it('reports a forward pass that fails on the second trace', () => {
    const error = thrown(() => exportOnnx((v: Var) => A.reshape(v, [7, 2, 3]), x, { dynamicBatch: true }));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /^exportOnnx: the model runs on the examples but throws on other values with batch 8 \(ShapeError: reshape: cannot reshape \[8,6\].*\); with dynamicBatch, the forward pass must work for any batch size/,
    );
    expect(error.cause).toBeInstanceOf(ChainruleError);
  });

  it('refuses squeeze without an axis when the example batch is 1 (it would drop the batch axis)', () => {
    const error = thrown(() => exportOnnx((v: Var) => A.squeeze(v), tensor([[1, 2, 3]]), { dynamicBatch: true }));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toContain("node 0 ('squeeze', output [3], lowered to Squeeze)");
  });

  it('refuses control flow on values', () => {
    // The second trace scales each value by a factor in [0.5, 1.5): this branch on the example's values changes.
    const branchy = (v: Var) => (T.sum(v.value).item() === 0.75 ? A.exp(v) : A.neg(v));
    const error = thrown(() => exportOnnx(branchy, tensor([[0.25, 0.5]])));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toContain(
      "node 0 ('exp', output [1,2], lowered to Exp) lowers to Exp in the first trace and Neg in the second",
    );
  });

  it("refuses a gradient graph through logSoftmax (its backward holds the input's maximum as a constant)", () => {
    const gradient = (v: Var) => A.grad((u: Var) => A.sum(logSoftmax(u)))(v) as Var;
    const error = thrown(() => exportOnnx(gradient, x));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /constant '\w+', read by node \d+ \('sub', output \[7,6\], lowered to Sub\) holds \[7,1\]/,
    );
  });

  it("refuses a gradient graph through clip (its backward's mask is read from the input's values)", () => {
    const gradient = (v: Var) => A.grad((u: Var) => A.sum(A.square(A.clip(u, -0.5, 0.5))))(v) as Var;
    const error = thrown(() => exportOnnx(gradient, x));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /constant '\w+', read by node \d+ \('mul', output \[7,6\], lowered to Mul\) holds \[7,6\]/,
    );
  });

  it('refuses Dropout in training mode (a fresh random mask each pass), and exports it after eval()', () => {
    const model = new Sequential(new Dense(6, 4, { rng: new Rng(2) }), new Dropout(0.5, { rng: new Rng(3) }));
    const error = thrown(() => exportOnnx(model, x));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(/constant '\w+', read by node \d+ \('mul', output \[7,4\], lowered to Mul\)/);
    expect(error.message).toMatch(/Dropout draws a new mask at each pass: call model\.eval\(\) before exporting/);
    expect(exportOnnx(model.eval(), x)).toBeInstanceOf(Uint8Array);
  });

  it('refuses to run inside noGrad, where nothing is recorded', () => {
    const error = thrown(() => noGrad(() => exportOnnx((v: Var) => A.exp(v), x)));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /^exportOnnx: no op was recorded between the inputs and the outputs: the forward pass ran without recording \(inside noGrad\?\)/,
    );
    expect(() => exportOnnx(() => A.constant(tensor([1, 2])), x)).toThrow(/outputs do not depend on its inputs/);
  });

  it('refuses a model that returns no Var', () => {
    expect(() => exportOnnx(((v: Var) => v.value) as never, x)).toThrow(
      /^exportOnnx: the model returned a Tensor \(a value computed outside the graph\); expected a Var or an array of Vars$/,
    );
    expect(() => exportOnnx(((v: Var) => [v, 3]) as never, x)).toThrow(
      /^exportOnnx: the model returned at index 1 number 3; expected a Var or an array of Vars$/,
    );
    expect(() => exportOnnx((() => []) as never, x)).toThrow(/^exportOnnx: the model returned no output/);
  });

  it('refuses a parameter that would share a graph input or output name', () => {
    class Shift extends Module {
      readonly input = new Parameter(tensor([1, 2, 3, 4, 5, 6]));
      forward(v: Var): Var {
        return A.add(v, this.input);
      }
    }
    expect(() => exportOnnx(new Shift(), x)).toThrow(ValueError);
    expect(() => exportOnnx(new Shift(), x)).toThrow(
      /^exportOnnx: 'input' names both a graph input or output and a parameter/,
    );
    expect(() => exportOnnx(new Shift(), x, { inputNames: ['features'] })).not.toThrow();
  });
});

describe('exportOnnx checks its arguments', () => {
  const model = (v: Var) => A.exp(v);
  const cases: [string, () => unknown, RegExp][] = [
    [
      'a model that is neither a Module nor a function',
      () => exportOnnx({} as never, x),
      /^exportOnnx: model must be a Module or a function of Vars; got object/,
    ],
    ['no example input', () => exportOnnx(model, []), /^exportOnnx: exampleInputs is empty/],
    [
      'an example that is not a tensor',
      () => exportOnnx(model, [[1, 2]] as never),
      /^exportOnnx: example input 0 must be a Tensor or a Var; got \[1,2\]/,
    ],
    [
      'options that are not an object',
      () => exportOnnx(model, x, null as never),
      /^exportOnnx: options must be an object; got null/,
    ],
    [
      'an unknown option',
      () => exportOnnx(model, x, { dynamicAxes: true } as never),
      /^exportOnnx: unknown option 'dynamicAxes'; expected inputNames, outputNames, dynamicBatch, lowerings$/,
    ],
    [
      'one input name too many',
      () => exportOnnx(model, x, { inputNames: ['a', 'b'] }),
      /^exportOnnx: options\.inputNames has 2 names for 1 example inputs/,
    ],
    [
      'a repeated name',
      () => exportOnnx((a: Var, b: Var) => A.add(a, b), [x, x], { inputNames: ['a', 'a'] }),
      /^exportOnnx: options\.inputNames repeats 'a'$/,
    ],
    [
      'an empty name',
      () => exportOnnx(model, x, { outputNames: [''] }),
      /^exportOnnx: options\.outputNames must be an array of non-empty strings/,
    ],
    [
      'an output named like an input',
      () => exportOnnx(model, x, { inputNames: ['x'], outputNames: ['x'] }),
      /^exportOnnx: 'x' names both an input and an output$/,
    ],
    [
      'output names for another number of outputs',
      () => exportOnnx(model, x, { outputNames: ['a', 'b'] }),
      /^exportOnnx: options\.outputNames has 2 names but the model returned 1 outputs/,
    ],
    [
      'a dynamicBatch that is not a boolean',
      () => exportOnnx(model, x, { dynamicBatch: 1 as never }),
      /^exportOnnx: options\.dynamicBatch must be a boolean; got number 1/,
    ],
    [
      'a lowering that is not a function',
      () => exportOnnx(model, x, { lowerings: { exp: 'Exp' as never } }),
      /^exportOnnx: options\.lowerings\['exp'\] must be a function; got 'Exp'/,
    ],
    [
      'a scalar example with dynamicBatch',
      () => exportOnnx(model, T.scalar(1), { dynamicBatch: true }),
      /^exportOnnx: with dynamicBatch, example input 0 needs a batch axis 0 of size >= 1; got shape \[\]/,
    ],
    [
      'examples of different batch sizes with dynamicBatch',
      () => exportOnnx((a: Var, b: Var) => A.add(a, b), [x, T.zeros([1, 6])], { dynamicBatch: true }),
      /^exportOnnx: with dynamicBatch, every example input needs the same batch size on axis 0; got shapes \[7,6\], \[1,6\]$/,
    ],
  ];
  for (const [name, fn, message] of cases) {
    it(`rejects ${name} with a ValueError`, () => {
      const error = thrown(fn);
      expect(error).toBeInstanceOf(ValueError);
      expect(error.message).toMatch(message);
    });
  }
});

describe('exportOnnx checks what a lowering does', () => {
  const lowered = (lowering: (node: OnnxLoweringContext) => unknown) =>
    thrown(() => exportOnnx((v: Var) => double(v), x, { lowerings: { double: lowering as never } }));

  it('rejects a returned value that is not one of the graph', () => {
    const error = lowered(() => ({ name: 'elsewhere' }));
    expect(error).toBeInstanceOf(OnnxExportError);
    expect(error.message).toMatch(
      /^exportOnnx: the lowering of 'double' \(node 0\) returned a value that is \{"name":"elsewhere"\}; expected a value of this graph/,
    );
    expect(lowered(() => undefined).message).toContain('returned a value that is undefined');
  });

  it('rejects an input that is not a value of the graph', () => {
    const error = lowered((node) => node.node('Mul', [node.inputs[0]!, { name: 'two' }]));
    expect(error.message).toMatch(
      /^exportOnnx: the lowering of 'double' \(node 0, output \[7,6\] float32\): input 1 of Mul is \{"name":"two"\}/,
    );
  });

  it('rejects a malformed op type, attribute or constant', () => {
    expect(lowered((node) => node.node('', node.inputs)).message).toContain(
      'asked for ONNX op ""; expected an op name such as \'Add\'',
    );
    expect(lowered((node) => node.node('Softmax', node.inputs, { axis: 1 } as never)).message).toContain(
      "Softmax: attribute 'axis' is number 1; expected one of { int: n }",
    );
    expect(lowered((node) => node.node('Softmax', node.inputs, { axis: { int: 0.5 } })).message).toContain(
      'attribute \'axis\' is {"int":0.5}',
    );
    expect(lowered((node) => node.int64s([1.5])).message).toContain(
      'int64s takes an array of safe integers; got [1.5]',
    );
    expect(lowered((node) => node.constant([1, 2] as never)).message).toContain('constant takes a Tensor; got [1,2]');
  });
});

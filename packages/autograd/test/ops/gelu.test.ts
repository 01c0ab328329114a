// Expected derivatives: gelu'(x) = Φ(x) + x·φ(x) and the tanh form's derivative, from 60-digit references (mpmath,
// the definitions of PyTorch's gelu); second derivatives from their closed forms (see gelu-grad.ts).
import { checkGrad, gelu, grad, sum } from '@chainrule/autograd';
import { ValueError } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const xs = [-3, -1, -0.5, 0.5, 1, 2];
const exactGrad = [
  -0.011945647204183927, -0.0833154705876863, 0.13250487534383715, 0.8674951246561629, 1.0833154705876864,
  1.085231801078197,
];
const tanhGrad = [
  -0.011584166630969726, -0.08296408384578255, 0.1326300964653577, 0.8673699035346423, 1.0829640838457826,
  1.0860992566236183,
];
const phi = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
const k = Math.sqrt(2 / Math.PI);
const c = 0.044715;
const tanhSecond = (x: number): number => {
  const t = Math.tanh(k * (x + c * x ** 3));
  return (1 - t * t) * (k * (1 + 6 * c * x * x) - x * t * (k * (1 + 3 * c * x * x)) ** 2);
};

describe('gelu', () => {
  it('exact: d/dx = Φ(x) + xφ(x), d²/dx² = φ(x)(2 − x²)', () => {
    expectClose(grad((x) => sum(gelu(x)))(f64(xs)), exactGrad, 1e-14);
    expectClose(
      grad((x) => sum(grad((y) => sum(gelu(y)))(x)))(f64(xs)),
      xs.map((x) => phi(x) * (2 - x * x)),
    );
  });
  it('tanh approximation: its own first and second derivatives', () => {
    const tanhForm = (x: Parameters<typeof gelu>[0]) => gelu(x, { approximate: 'tanh' });
    expectClose(grad((x) => sum(tanhForm(x)))(f64(xs)), tanhGrad, 1e-14);
    expectClose(grad((x) => sum(grad((y) => sum(tanhForm(y)))(x)))(f64(xs)), xs.map(tanhSecond));
  });
  it('matches central differences, first and second order, in both forms', () => {
    checkGrad((x) => gelu(x), [random([2, 3], 1, -4, 4)], { order: 2 });
    checkGrad((x) => gelu(x, { approximate: 'tanh' }), [random([2, 3], 2, -4, 4)], { order: 2 });
  });
  it('rejects an unknown approximation', () => {
    expect(() => gelu(f64([1]), { approximate: 'erf' as never })).toThrow(ValueError);
    expect(() => gelu(f64([1]), 'tanh' as never)).toThrow(/^gelu: options must be an object/);
  });
});

import { checkGrad, constant, sum, variable } from '@chainrule/autograd';
import { Dropout, Sequential } from '@chainrule/nn';
import { DTypeError, Rng, ValueError, ones, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('Dropout', () => {
  it('in training mode zeroes where u < p and scales the rest by 1/(1 − p), u drawn from its Rng', () => {
    const x = new Rng(9).normal([4, 5], 0, 1, f64);
    const out = new Dropout(0.25, { rng: new Rng(7) }).forward(x);
    const draws = flat(new Rng(7).uniform([4, 5], 0, 1, f64));
    const expected = flat(x).map((value, i) => value * (draws[i]! >= 0.25 ? 1 / 0.75 : 0));
    expect(flat(out.value)).toEqual(expected);
    expect(expected.filter((value) => value === 0).length).toBeGreaterThan(0);
  });

  it('zeroes about p of a large input and keeps the mean', () => {
    const out = flat(new Dropout(0.3, { rng: new Rng(1) }).forward(ones([100, 100], f64)).value);
    const zeroed = out.filter((value) => value === 0).length / out.length;
    expect(Math.abs(zeroed - 0.3)).toBeLessThan(0.02); // binomial sd 0.0046
    expect(Math.abs(out.reduce((a, b) => a + b) / out.length - 1)).toBeLessThan(0.03);
  });

  it('is reproducible from the seed, and draws a fresh mask at each call', () => {
    const x = ones([50]);
    const a = new Dropout(0.5, { rng: new Rng(3) });
    const b = new Dropout(0.5, { rng: new Rng(3) });
    const first = flat(a.forward(x).value);
    expect(flat(b.forward(x).value)).toEqual(first);
    expect(flat(a.forward(x).value)).not.toEqual(first);
  });

  it('its gradient is the mask: ∂out/∂x = m/(1 − p)', () => {
    const x = variable(tensor([1, 2, 3, 4, 5, 6, 7, 8], f64));
    const out = new Dropout(0.5, { rng: new Rng(5) }).forward(x);
    sum(out).backward();
    const mask = flat(out.value).map((value, i) => value / flat(x.value)[i]!);
    expect(new Set(mask)).toEqual(new Set([0, 2]));
    expect(flat(x.grad!.value)).toEqual(mask);
    // With the same mask at every call (a fresh generator of the same seed), the gradient checks out numerically.
    checkGrad((input) => new Dropout(0.5, { rng: new Rng(5) }).forward(input), [x.value], { order: 2 });
  });

  it('in evaluation mode returns its input unchanged and draws nothing', () => {
    const rng = new Rng(4);
    const layer = new Dropout(0.5, { rng });
    const x = variable(tensor([1, 2, 3]));
    const model = new Sequential(layer).eval();
    expect(model.forward(x)).toBe(x);
    expect(layer.forward(x)).toBe(x);
    expect(flat(layer.forward(tensor([1, 2])).value)).toEqual([1, 2]);
    expect(rng.nextUint32()).toBe(new Rng(4).nextUint32());
    model.train();
    expect(layer.forward(x)).not.toBe(x);
  });

  it('p = 0 is the identity and p = 1 zeroes everything (never NaN)', () => {
    const x = variable(tensor([1, -2, 3]));
    expect(new Dropout(0, { rng: new Rng(1) }).forward(x)).toBe(x);
    const out = new Dropout(1, { rng: new Rng(1) }).forward(x);
    expect(flat(out.value).every((value) => value === 0)).toBe(true);
    sum(out).backward();
    expect(flat(x.grad!.value)).toEqual([0, 0, 0]);
  });

  it('rejects a p outside [0, 1], a missing Rng and a non-tensor input', () => {
    const rng = new Rng(1);
    expect(() => new Dropout(1.5, { rng })).toThrow('Dropout: p must be a number in [0, 1]; got number 1.5');
    expect(() => new Dropout(Number.NaN, { rng })).toThrow(ValueError);
    expect(() => new Dropout(0.5, {} as { rng: Rng })).toThrow(/Dropout: options.rng must be an Rng/);
    expect(() => new Dropout(0.5, { rng, seed: 1 } as never)).toThrow("Dropout: unknown option 'seed'");
    expect(() => new Dropout(0.5, { rng }).forward(constant(tensor([1])).value.data as never)).toThrow(ValueError);
    expect(() => new Dropout(0.5, { rng }).forward(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => new Dropout(0.5, { rng }).forward(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      'Dropout: input is int32 (shape [2]); expected float32 or float64',
    );
  });
});

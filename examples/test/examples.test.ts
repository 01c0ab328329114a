import { tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

// Importing an example runs it, as `pnpm --filter @chainrule/examples run <name>` does; its exports are its results.

describe('iris.ts', () => {
  it('classifies the held-out fifth of the Iris flowers with at least 90% accuracy', async () => {
    const example = await import('../iris');
    expect(example.testSize).toBe(30); // ceil(0.2·150) flowers never trained on
    expect(example.testAccuracy).toBeGreaterThanOrEqual(0.9); // chance is 1/3
  });
});

describe('sin-regression.ts', () => {
  it('fits sin(x) on [−π, π] to a final MSE below 1e-3', async () => {
    const example = await import('../sin-regression');
    expect(example.finalMse).toBeLessThan(1e-3); // sin² averages 0.5 there: predicting 0 scores about 0.5
  });
});

describe('custom-layer.ts', () => {
  it('trains a Swish layer of its own, saves it to safetensors and loads it into a fresh model exactly', async () => {
    const example = await import('../custom-layer');
    expect(example.parameterNames).toEqual([
      'layers.0.weight',
      'layers.0.bias',
      'layers.1.beta',
      'layers.2.weight',
      'layers.2.bias',
    ]);
    expect(example.finalLoss).toBeLessThan(0.002); // the target's variance is about 0.18
    expect(example.beta).not.toBe(1); // β was trained
    expect(example.restoredOutputs).toEqual(example.outputs);
  });
});

describe('custom-op.ts', () => {
  it('defines log cosh with its gradient, passes checkGrad to second order and fits a line through outliers', async () => {
    const example = await import('../custom-op');
    expect(example.report.order).toBe(2);
    expect(example.report.maxError).toBeLessThan(1e-6);
    const [far, zero] = example.logCosh(tensor([1e4, 0], { dtype: 'float64' })).toArray() as number[];
    expect(far).toBe(1e4 - Math.LN2); // no overflow where cosh(1e4) is Infinity
    expect(zero).toBe(0);
    // A squared error would put the intercept near 1 + 20·20/200 = 3.
    expect(Math.abs(example.fitted.slope - 2)).toBeLessThan(0.03);
    expect(Math.abs(example.fitted.intercept - 1)).toBeLessThan(0.03);
  });
});

// A rejected optimizer step changes nothing: every parameter is checked (gradient dtype and shape, state size)
// before any is written, so no parameter moves and no Adam step is counted. Once the bad gradient is fixed, the step
// gives exactly what a fresh optimizer's first step gives.
import { describe, expect, it } from 'vitest';
import { constant } from '@chainrule/autograd';
import { Adam, Dense, type Optimizer, type Parameter, SGD } from '@chainrule/nn';
import { Rng, type Tensor, ones } from '@chainrule/tensor';

const layer = (): Dense => new Dense(2, 3, { rng: new Rng(3), dtype: 'float64' });
const values = (parameters: readonly Parameter[]): number[][] => parameters.map((p) => Array.from(p.value.data));
const grads = (parameters: readonly Parameter[], biasGradient: Tensor): void => {
  parameters[0]!.grad = constant(ones([2, 3], { dtype: 'float64' }));
  parameters[1]!.grad = constant(biasGradient);
};

describe.each<[string, (parameters: Parameter[]) => Optimizer]>([
  ['SGD with momentum', (parameters) => new SGD(parameters, { lr: 0.5, momentum: 0.9 })],
  ['Adam', (parameters) => new Adam(parameters, { lr: 0.1 })],
])('%s: a step rejected on a later parameter', (_name, make) => {
  it('leaves every parameter where it was, then steps like a fresh optimizer once the gradient is fixed', () => {
    const model = layer();
    const parameters = model.parameters();
    const optimizer = make(parameters);
    const before = values(parameters);
    grads(parameters, ones([2], { dtype: 'float64' }));
    expect(() => optimizer.step()).toThrow(/gradient of shape \[2\] does not match/);
    expect(values(parameters)).toEqual(before);

    grads(parameters, ones([3], { dtype: 'float64' }));
    optimizer.step();
    const reference = layer();
    const fresh = make(reference.parameters());
    grads(reference.parameters(), ones([3], { dtype: 'float64' }));
    fresh.step();
    expect(values(parameters)).toEqual(values(reference.parameters()));
    expect(values(parameters)).not.toEqual(before);
  });
});

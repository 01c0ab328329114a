import { Var, variable } from '@chainrule/autograd';
import { Adam, AdamW, Dense, Parameter, RMSprop, SGD, Sequential, sse } from '@chainrule/nn';
import { Rng, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('optimizer steps write into the tensor the optimizer created', () => {
  for (const [name, make] of [
    ['SGD', (p: Parameter[]) => new SGD(p, { lr: 0.5 })],
    ['SGD with momentum', (p: Parameter[]) => new SGD(p, { lr: 0.5, momentum: 0.9 })],
    ['Adam', (p: Parameter[]) => new Adam(p, { lr: 0.5 })],
    ['AdamW', (p: Parameter[]) => new AdamW(p, { lr: 0.5 })],
    ['RMSprop', (p: Parameter[]) => new RMSprop(p, { lr: 0.5 })],
    ['RMSprop centered with momentum', (p: Parameter[]) => new RMSprop(p, { lr: 0.5, centered: true, momentum: 0.5 })],
  ] as const) {
    it(`${name}: replaces the value at the first step, then updates that tensor in place`, () => {
      const parameter = new Parameter(tensor([1, 2], f64));
      const optimizer = make([parameter]);
      const initial = parameter.value;
      parameter.grad = new Var(tensor([1, -1], f64));
      optimizer.step();
      expect(flat(initial)).toEqual([1, 2]);
      const owned = parameter.value;
      expect(owned).not.toBe(initial);
      const afterFirst = flat(owned);
      optimizer.step();
      expect(parameter.value).toBe(owned);
      expect(flat(owned)).not.toEqual(afterFirst);
    });

    it(`${name}: a value replaced by one of another size is a ShapeError, not a NaN`, () => {
      const parameter = new Parameter(tensor([1, 2], f64));
      const optimizer = make([parameter]);
      parameter.grad = new Var(tensor([1, 1], f64));
      optimizer.step();
      const resized = tensor([1, 2, 3], f64);
      parameter.value = resized;
      parameter.grad = new Var(tensor([1, 1, 1], f64));
      if (name === 'SGD') {
        optimizer.step(); // plain SGD keeps no state: any size is fine
        expect(flat(parameter.value)).toEqual([0.5, 1.5, 2.5]);
      } else {
        expect(() => optimizer.step()).toThrow(
          /parameter 0 now has shape \[3\] \(3 elements\) but its optimizer state was made for 2 elements/,
        );
        expect(flat(resized)).toEqual([1, 2, 3]);
      }
    });

    it(`${name}: never writes into a tensor assigned to value`, () => {
      const parameter = new Parameter(tensor([1, 2], f64));
      const optimizer = make([parameter]);
      parameter.grad = new Var(tensor([1, 1], f64));
      optimizer.step();
      optimizer.step();
      const mine = tensor([10, 20], f64);
      parameter.value = mine;
      optimizer.step();
      expect(flat(mine)).toEqual([10, 20]);
      expect(parameter.value).not.toBe(mine);
    });
  }

  it('gives the same numbers as replacing the value at every step', () => {
    // p ← p − 0.5·g with g = [1, −1] three times, by hand.
    const parameter = new Parameter(tensor([1, 2], f64));
    const optimizer = new SGD([parameter], { lr: 0.5 });
    parameter.grad = new Var(tensor([1, -1], f64));
    for (let step = 0; step < 3; step++) optimizer.step();
    expect(flat(parameter.value)).toEqual([1 - 1.5, 2 + 1.5]);
  });

  it('leaves a state dict taken between steps unchanged', () => {
    const model = new Sequential(new Dense(2, 1, { rng: new Rng(1), dtype: 'float64' }));
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const x = tensor([[1, 2]], f64);
    const step = (): void => {
      optimizer.zeroGrad();
      sse(model.forward(variable(x)), tensor([[1]], f64)).backward();
      optimizer.step();
    };
    step();
    const saved = model.stateDict();
    const before = flat(saved['layers.0.weight']!);
    step();
    expect(flat(saved['layers.0.weight']!)).toEqual(before);
    expect(flat(model.parameters()[0]!.value)).not.toEqual(before);
  });
});

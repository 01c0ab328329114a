import { type Var, type VarLike, add, mul } from '@chainrule/autograd';
import { Dense, Module, Parameter, ReLU, Sequential, Sigmoid } from '@chainrule/nn';
import { Rng, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

class AddConstant extends Module {
  readonly amount: Parameter;
  constructor(amount: number) {
    super();
    this.amount = new Parameter(tensor([amount], { dtype: 'float64' }));
  }
  forward(x: VarLike): Var {
    return add(x, this.amount);
  }
}

class Double extends Module {
  forward(x: VarLike): Var {
    return mul(x, 2);
  }
}

describe('Sequential', () => {
  it('applies its layers in order', () => {
    const model = new Sequential(new AddConstant(1), new Double(), new AddConstant(-3));
    expect(flat(model.forward(tensor([0, 5], { dtype: 'float64' })).value)).toEqual([(0 + 1) * 2 - 3, (5 + 1) * 2 - 3]);
  });

  it('names parameters layers.<index>, nested Sequentials too', () => {
    const rng = new Rng(1);
    const model = new Sequential(
      new Sequential(new Dense(2, 3, { rng }), new ReLU()),
      new Dense(3, 1, { rng, bias: false }),
      new Sigmoid(),
    );
    expect(model.namedParameters().map(([name]) => name)).toEqual([
      'layers.0.layers.0.weight',
      'layers.0.layers.0.bias',
      'layers.1.weight',
    ]);
    expect(model.forward(tensor([[1, 2]])).shape).toEqual([1, 1]);
  });

  it('returns its input unchanged when empty', () => {
    expect(new Sequential().forward(tensor([1, 2])).toArray()).toEqual([1, 2]);
  });

  it('rejects an argument that is not a Module', () => {
    expect(() => new Sequential(new Double(), ((x: Var) => x) as unknown as Module)).toThrow(ValueError);
    expect(() => new Sequential(new Double(), {} as Module)).toThrow(
      'Sequential: argument 1 must be a Module; got an object',
    );
  });
});

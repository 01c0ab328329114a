import { type Var, type VarLike, add, constant, matmul, mul, sum } from '@chainrule/autograd';
import { Dense, Module, Parameter, Sequential, Sigmoid } from '@chainrule/nn';
import { Rng, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

class Scale extends Module {
  readonly factor = new Parameter(tensor([2]));
  forward(x: VarLike): Var {
    return mul(x, this.factor);
  }
}

class Everything extends Module {
  readonly first = new Parameter(tensor([1]));
  readonly child = new Scale();
  readonly notWalked = { hidden: new Parameter(tensor([9])) }; // plain objects are not walked
  readonly count = 3;
  readonly plainTensor = tensor([5]);
  readonly constantVar = constant(tensor([6]));
  readonly missing: Parameter | null = null;
  readonly list = [new Scale(), new Parameter(tensor([3]))];
  readonly nested = [[new Parameter(tensor([4])), new Scale()], []];
  readonly last = new Parameter(tensor([5]));

  forward(x: VarLike): Var {
    return add(this.child.forward(x), this.first);
  }
}

describe('Module field walking', () => {
  it('finds Parameters, child Modules and (nested) arrays of them in declaration order, with dotted names', () => {
    const module = new Everything();
    const names = module.namedParameters().map(([name]) => name);
    expect(names).toEqual([
      'first',
      'child.factor',
      'list.0.factor',
      'list.1',
      'nested.0.0',
      'nested.0.1.factor',
      'last',
    ]);
    expect(module.parameters()).toEqual(module.namedParameters().map(([, parameter]) => parameter));
    expect(module.parameters()[0]).toBe(module.first);
    expect(module.parameters()[1]).toBe(module.child.factor);
  });

  it('lists modules depth first, the root as the empty name', () => {
    const module = new Everything();
    expect(module.namedModules().map(([name]) => name)).toEqual(['', 'child', 'list.0', 'nested.0.1']);
    expect(module.modules()[0]).toBe(module);
    expect(module.modules()[1]).toBe(module.child);
  });

  it('lists a shared Parameter or Module once, under its first name', () => {
    class Shared extends Module {
      readonly weight = new Parameter(tensor([1]));
      readonly inner = new Scale();
      readonly tied = this.weight;
      readonly again = this.inner;
      forward(x: VarLike): Var {
        return mul(this.again.forward(x), this.tied);
      }
    }
    const module = new Shared();
    expect(module.namedParameters().map(([name]) => name)).toEqual(['weight', 'inner.factor']);
    expect(module.namedModules().map(([name]) => name)).toEqual(['', 'inner']);
  });

  it('terminates on cycles', () => {
    class Node extends Module {
      readonly weight = new Parameter(tensor([1]));
      peer: Module | null = null;
      readonly self: unknown[] = [];
      forward(x: VarLike): Var {
        return mul(x, this.weight);
      }
    }
    const a = new Node();
    const b = new Node();
    a.peer = b;
    b.peer = a;
    a.self.push(a.self);
    expect(a.namedParameters().map(([name]) => name)).toEqual(['weight', 'peer.weight']);
    expect(a.modules()).toHaveLength(2);
  });

  it('walks fields assigned after construction and constructor parameter properties', () => {
    class Wrapper extends Module {
      extra: Parameter | undefined;
      constructor(readonly inner: Module) {
        super();
      }
      forward(x: VarLike): Var {
        return this.inner.forward(x);
      }
    }
    const wrapper = new Wrapper(new Scale());
    expect(wrapper.namedParameters().map(([name]) => name)).toEqual(['inner.factor']);
    wrapper.extra = new Parameter(tensor([0]));
    // Both names, in the order the fields were created (which for parameter properties depends on the compiler).
    expect(
      wrapper
        .namedParameters()
        .map(([name]) => name)
        .sort(),
    ).toEqual(['extra', 'inner.factor']);
  });

  it('a module without parameters has none', () => {
    expect(new Sigmoid().parameters()).toEqual([]);
    expect(new Sequential().parameters()).toEqual([]);
  });
});

describe('Module.zeroGrad', () => {
  it('clears the gradient of every parameter, nested ones included', () => {
    const rng = new Rng(1);
    const model = new Sequential(new Dense(2, 3, { rng }), new Sigmoid(), new Dense(3, 1, { rng }));
    sum(model.forward(tensor([[1, 2]]))).backward();
    expect(model.parameters().every((parameter) => parameter.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((parameter) => parameter.grad === null)).toBe(true);
  });
});

describe('Module.forward', () => {
  it('is what a subclass defines, with its own arguments', () => {
    class Bilinear extends Module {
      readonly weight = new Parameter(
        tensor(
          [
            [1, 0],
            [0, 2],
          ],
          { dtype: 'float64' },
        ),
      );
      forward(x: Var, y: Var): Var {
        return sum(mul(matmul(x, this.weight), y));
      }
    }
    const x = constant(tensor([[1, 1]], { dtype: 'float64' }));
    const y = constant(tensor([[3, 4]], { dtype: 'float64' }));
    expect(new Bilinear().forward(x, y).item()).toBe(1 * 3 + 2 * 4);
  });
});

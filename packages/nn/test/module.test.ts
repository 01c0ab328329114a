import { type Var, type VarLike, add, constant, matmul, mul, sub, sum } from '@chainrule/autograd';
import {
  Dense,
  Module,
  ModuleBuffer,
  Parameter,
  Sequential,
  Sigmoid,
  StateDictError,
  loadSafetensors,
  saveSafetensors,
} from '@chainrule/nn';
import * as T from '@chainrule/tensor';
import { Rng, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from './helpers';

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

/** A stateful layer as a BatchNorm would be: a running mean (a buffer) updated in training mode, used in eval mode. */
class Centre extends Module {
  readonly scale = new Parameter(tensor([1, 1], { dtype: 'float64' }));
  readonly runningMean = new ModuleBuffer(tensor([0, 0], { dtype: 'float64' }));
  readonly seen = new ModuleBuffer(tensor(0, { dtype: 'float64' }));

  forward(x: Var): Var {
    if (this.training) {
      // running ← 0.5·running + 0.5·batch mean (a buffer is updated by assigning its value)
      const batchMean = T.mean(x.value, 0);
      this.runningMean.value = T.add(T.mul(this.runningMean.value, 0.5), T.mul(batchMean, 0.5));
      this.seen.value = T.add(this.seen.value, x.shape[0]!);
    }
    return mul(sub(x, this.runningMean), this.scale);
  }
}

describe('Module.train and Module.eval', () => {
  it('a module starts in training mode; eval and train set the mode of every descendant and return the module', () => {
    const rng = new Rng(1);
    const inner = new Sequential(new Dense(2, 2, { rng }), new Sigmoid());
    const model = new Sequential(new Dense(2, 2, { rng }), inner);
    expect(model.modules().every((module) => module.training)).toBe(true);
    expect(model.eval()).toBe(model);
    expect(model.modules().map((module) => module.training)).toEqual([false, false, false, false, false]);
    expect(inner.train()).toBe(inner);
    expect(model.modules().map((module) => module.training)).toEqual([false, false, true, true, true]);
    model.train(false);
    expect(model.modules().some((module) => module.training)).toBe(false);
    model.train(true);
    expect(model.modules().every((module) => module.training)).toBe(true);
  });

  it('terminates on cycles and reaches modules held in arrays', () => {
    class Node extends Module {
      peer: Module | null = null;
      readonly children: Module[] = [new Sigmoid()];
      forward(x: VarLike): Var {
        return mul(x, 1);
      }
    }
    const a = new Node();
    const b = new Node();
    a.peer = b;
    b.peer = a;
    a.eval();
    expect([a.training, b.training, a.children[0]!.training, b.children[0]!.training]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('the mode is not a parameter, a buffer or a state dict entry', () => {
    const model = new Centre().eval();
    expect(Object.keys(model.stateDict())).toEqual(['scale', 'runningMean', 'seen']);
  });

  it('rejects a mode that is not a boolean', () => {
    expect(() => new Centre().train('no' as unknown as boolean)).toThrow(ValueError);
    expect(() => new Centre().train('no' as unknown as boolean)).toThrow(
      "train: mode must be a boolean; got string 'no'",
    );
  });
});

describe('buffers', () => {
  const f64 = { dtype: 'float64' } as const;
  const batch = tensor(
    [
      [1, 2],
      [3, 6],
    ],
    f64,
  );

  it('are found by the field walk, apart from parameters', () => {
    const model = new Sequential(new Centre(), new Centre());
    expect(model.namedBuffers().map(([name]) => name)).toEqual([
      'layers.0.runningMean',
      'layers.0.seen',
      'layers.1.runningMean',
      'layers.1.seen',
    ]);
    expect(model.buffers()[0]).toBe((model.layers[0] as Centre).runningMean);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['layers.0.scale', 'layers.1.scale']);
  });

  it('a layer updates them in training mode and uses them in eval mode', () => {
    const layer = new Centre();
    layer.forward(constant(batch));
    expect(flat(layer.runningMean.value)).toEqual([1, 2]); // 0.5·0 + 0.5·[2, 4]
    expect(layer.seen.item()).toBe(2);
    layer.eval();
    const out = layer.forward(constant(batch));
    expect(flat(layer.runningMean.value)).toEqual([1, 2]);
    expect(flat(out.value)).toEqual([0, 0, 2, 4]);
  });

  it('are saved by stateDict in declaration order with the parameters and restored by loadStateDict', () => {
    const trained = new Sequential(new Dense(2, 2, { rng: new Rng(1), dtype: 'float64' }), new Centre());
    trained.forward(constant(batch));
    const dict = trained.stateDict();
    expect(Object.keys(dict)).toEqual([
      'layers.0.weight',
      'layers.0.bias',
      'layers.1.scale',
      'layers.1.runningMean',
      'layers.1.seen',
    ]);
    const fresh = new Sequential(new Dense(2, 2, { rng: new Rng(2), dtype: 'float64' }), new Centre());
    fresh.loadStateDict(loadSafetensors(saveSafetensors(dict)).tensors);
    const centre = fresh.layers[1] as Centre;
    expect(flat(centre.runningMean.value)).toEqual(flat(dict['layers.1.runningMean']!));
    expect(centre.seen.item()).toBe(2);
    trained.eval();
    fresh.eval();
    expect(flat(fresh.forward(constant(batch)).value)).toEqual(flat(trained.forward(constant(batch)).value));
  });

  it('loadStateDict checks buffers like parameters and changes nothing on a problem', () => {
    const layer = new Centre();
    const dict = layer.stateDict();
    expect(() => layer.loadStateDict({ scale: dict.scale!, runningMean: dict.runningMean! })).toThrow(
      "loadStateDict: missing key 'seen' (expected [] float64)",
    );
    const wrong = { ...dict, scale: tensor([5, 5], f64), runningMean: tensor([1, 2, 3], f64) };
    expect(() => layer.loadStateDict(wrong)).toThrow(StateDictError);
    expect(() => layer.loadStateDict(wrong)).toThrow("'runningMean' is [3] float64, expected [2] float64");
    expect(flat(layer.scale.value)).toEqual([1, 1]);
  });

  it('an optimizer never sees them, and zeroGrad leaves them alone', () => {
    const layer = new Centre();
    expect(layer.parameters()).toEqual([layer.scale]);
    sum(layer.forward(constant(batch))).backward();
    expect(layer.runningMean.grad).toBeNull();
    layer.zeroGrad();
    expect(flat(layer.runningMean.value)).toEqual([1, 2]);
  });

  it('a buffer reachable twice is listed once', () => {
    class Twice extends Module {
      readonly stats = new ModuleBuffer(tensor([1]));
      readonly alias = this.stats;
      forward(x: VarLike): Var {
        return mul(x, this.stats);
      }
    }
    expect(Object.keys(new Twice().stateDict())).toEqual(['stats']);
  });
});

import { type Var, type VarLike, mul } from '@chainrule/autograd';
import { Dense, Module, ModuleBuffer, Sequential, Sigmoid } from '@chainrule/nn';
import { Rng, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

describe('Module.summary', () => {
  it('lists each parameter with its shape, dtype and size, and the total', () => {
    const rng = new Rng(1);
    const model = new Sequential(
      new Dense(3, 4, { bias: false, rng }),
      new Sigmoid(),
      new Dense(4, 1, { rng, dtype: 'float64' }),
    );
    expect(model.summary()).toBe(
      [
        'parameter        shape   dtype    parameters',
        'layers.0.weight  [3, 4]  float32          12',
        'layers.2.weight  [4, 1]  float64           4',
        'layers.2.bias    [1]     float64           1',
        'total                                     17',
      ].join('\n'),
    );
  });

  it('writes counts with thousands separators and lists buffers in a table of their own', () => {
    class Big extends Module {
      readonly dense = new Dense(1000, 1500, { rng: new Rng(0) });
      readonly counts = new ModuleBuffer(zeros([2, 3]));
      forward(x: VarLike): Var {
        return mul(this.dense.forward(x), 2);
      }
    }
    expect(new Big().summary()).toBe(
      [
        'parameter     shape         dtype    parameters',
        'dense.weight  [1000, 1500]  float32   1,500,000',
        'dense.bias    [1500]        float32       1,500',
        'total                                 1,501,500',
        '',
        'buffer (not trained)  shape   dtype    elements',
        'counts                [2, 3]  float32         6',
        'total                                         6',
      ].join('\n'),
    );
  });

  it('a module without parameters totals 0', () => {
    expect(new Sigmoid().summary()).toBe(
      ['parameter  shape  dtype  parameters', 'total                             0'].join('\n'),
    );
  });
});

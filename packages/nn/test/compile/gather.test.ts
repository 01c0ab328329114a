// A compiled step whose indices change from call to call: take (an embedding lookup) and int32 class labels are
// kernels, so the replay reads each call's indices, as eager code does.
import { compile, matmul, take } from '@chainrule/autograd';
import { Parameter, SGD, crossEntropy } from '@chainrule/nn';
import { Rng, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

function model() {
  const rng = new Rng(4);
  const table = new Parameter(rng.uniform([10, 4], -1, 1, { dtype: 'float64' }));
  const head = new Parameter(rng.uniform([4, 3], -1, 1, { dtype: 'float64' }));
  const optimizer = new SGD([table, head], { lr: 0.1 });
  const step = (ids: Tensor, labels: Tensor): Tensor => {
    optimizer.zeroGrad();
    const loss = crossEntropy(matmul(take(table, ids, 0), head), labels);
    loss.backward();
    optimizer.step();
    return loss.value;
  };
  return { table, head, step };
}

describe('compile with changing indices', () => {
  it('take and int32 labels replay on each call’s values, bit for bit with eager', () => {
    const eager = model();
    const compiled = model();
    const step = compile(compiled.step);
    const draws = new Rng(9);
    for (let i = 0; i < 20; i++) {
      const ids = tensor(
        Array.from({ length: 5 }, () => Math.floor(draws.nextFloat() * 10)),
        { dtype: 'int32' },
      );
      const labels = tensor(
        Array.from({ length: 5 }, () => Math.floor(draws.nextFloat() * 3)),
        { dtype: 'int32' },
      );
      expect(step(ids, labels).item()).toBe(eager.step(ids, labels).item());
    }
    expect(compiled.table.value.toArray()).toEqual(eager.table.value.toArray());
    expect(compiled.head.value.toArray()).toEqual(eager.head.value.toArray());
  });

  it('an out-of-range label in a replay is the typed error eager code gives', () => {
    const { step } = model();
    const compiled = compile(step);
    const ids = tensor([1, 2], { dtype: 'int32' });
    for (let i = 0; i < 3; i++) compiled(ids, tensor([0, 1], { dtype: 'int32' }));
    expect(() => compiled(ids, tensor([0, 7], { dtype: 'int32' }))).toThrow(
      'crossEntropy: target[1] = 7 is not a class index; expected an integer in [0, 3)',
    );
  });
});

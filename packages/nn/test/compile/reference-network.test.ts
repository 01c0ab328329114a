import { compile, constant } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, sse, uniform } from '@chainrule/nn';
import { type DType, Rng, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

function network(dtype: DType) {
  const rng = new Rng(1);
  const model = new Sequential(
    new Dense(3, 4, { bias: false, init: uniform(0, 1), rng, dtype }),
    new Sigmoid(),
    new Dense(4, 1, { bias: false, init: uniform(0, 1), rng, dtype }),
    new Sigmoid(),
  );
  const optimizer = new SGD(model.parameters(), { lr: 1 });
  const step = (x: Tensor, y: Tensor): Tensor => {
    optimizer.zeroGrad();
    const loss = sse(model.forward(constant(x)), constant(y));
    loss.backward();
    optimizer.step();
    return loss.value;
  };
  return { model, step };
}

describe('compile: the reference network', () => {
  it.each(['float64', 'float32'] as const)(
    'gives the eager losses and weights bit for bit over 1500 steps (%s)',
    (dtype) => {
      const x = tensor(
        [
          [0, 0, 1],
          [0, 1, 1],
          [1, 0, 1],
          [1, 1, 1],
        ],
        { dtype },
      );
      const y = tensor([[0], [1], [1], [0]], { dtype });
      const eager = network(dtype);
      const compiled = network(dtype);
      const step = compile(compiled.step);
      for (let i = 0; i < 1500; i++) {
        const expected = eager.step(x, y).item();
        const got = step(x, y).item();
        expect(Object.is(got, expected)).toBe(true);
      }
      const eagerWeights = eager.model.parameters().map((p) => p.value.toArray());
      expect(compiled.model.parameters().map((p) => p.value.toArray())).toEqual(eagerWeights);
    },
  );
});

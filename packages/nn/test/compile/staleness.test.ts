// compile() never replays silently stale work (issue 15): each case here fails without its guard.
import { compile, constant, matmul, mul, sum, variable } from '@chainrule/autograd';
import { Adam, Dense, Parameter, SGD, Sequential, Sigmoid, sse, uniform } from '@chainrule/nn';
import * as T from '@chainrule/tensor';
import { Rng, type Tensor, TraceError, ValueError, tensor } from '@chainrule/tensor';
import { isCapturing } from '@chainrule/tensor/internal';
import { describe, expect, it } from 'vitest';

const f64 = { dtype: 'float64' } as const;
const X = tensor(
  [
    [0, 0, 1],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 1],
  ],
  f64,
);
const Y = tensor([[0], [1], [1], [0]], f64);

function network(makeOptimizer: (model: Sequential) => SGD | Adam = (model) => new SGD(model.parameters(), { lr: 1 })) {
  const rng = new Rng(1);
  const model = new Sequential(
    new Dense(3, 4, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
    new Dense(4, 1, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
  );
  const optimizer = makeOptimizer(model);
  const step = (x: Tensor, y: Tensor): Tensor => {
    optimizer.zeroGrad();
    const loss = sse(model.forward(constant(x)), constant(y));
    loss.backward();
    optimizer.step();
    return loss.value;
  };
  return { model, optimizer, step };
}

const weights = (model: Sequential) => model.parameters().map((p) => p.value.clone().toArray());

describe('when a call traces', () => {
  it.each([
    ['SGD', (model: Sequential) => new SGD(model.parameters(), { lr: 1 })],
    ['Adam', (model: Sequential) => new Adam(model.parameters(), { lr: 0.1 })],
  ] as const)(
    "a fresh model's step (%s) runs eagerly at the first call, traces at the second, then only replays",
    (_name, makeOptimizer) => {
      const eager = network(makeOptimizer);
      const compiled = network(makeOptimizer);
      const traced: boolean[] = []; // for each run of the function: was it traced?
      const step = compile((x: Tensor, y: Tensor) => {
        traced.push(isCapturing());
        return compiled.step(x, y);
      });
      for (let i = 0; i < 10; i++) expect(step(X, Y).item()).toBe(eager.step(X, Y).item());
      // Traced at the first call, the step would read the parameter tensors that the optimizer replaces with its
      // own at its first step, and trace again at the second call: [true, true].
      expect(traced).toEqual([false, true]);
      expect(weights(compiled.model)).toEqual(weights(eager.model));
    },
  );

  it('after a trace goes stale (loadStateDict), one call runs eagerly, the next traces, then it replays', () => {
    const eager = network();
    const compiled = network();
    const traced: boolean[] = [];
    const step = compile((x: Tensor, y: Tensor) => {
      traced.push(isCapturing());
      return compiled.step(x, y);
    });
    for (let i = 0; i < 3; i++) expect(step(X, Y).item()).toBe(eager.step(X, Y).item());
    const fresh = network().model.stateDict();
    compiled.model.loadStateDict(fresh);
    eager.model.loadStateDict(fresh);
    for (let i = 0; i < 5; i++) expect(step(X, Y).item()).toBe(eager.step(X, Y).item());
    expect(traced).toEqual([false, true, false, true]);
  });
});

describe('a value read while tracing is an error naming the read', () => {
  it.each([
    ['item', (loss: Tensor) => loss.item()],
    ['toArray', (loss: Tensor) => loss.toArray()],
    ['data', (loss: Tensor) => loss.data[0]],
    ['toString', (loss: Tensor) => String(loss)],
  ] as const)('%s', (name, read) => {
    const { model } = network();
    const step = compile((x: Tensor, y: Tensor) => {
      const loss = sse(model.forward(constant(x)), constant(y)).value;
      return read(loss) as unknown as Tensor;
    });
    step(X, Y); // the first call runs eagerly, where reads are allowed
    expect(() => step(X, Y)).toThrow(TraceError); // the second traces
    expect(() => step(X, Y)).toThrow(new RegExp(`^compile: ${name} read a tensor's values while tracing`));
    // Outside a compiled function the same reads work.
    expect(() => read(sse(model.forward(constant(X)), constant(Y)).value)).not.toThrow();
  });
});

describe('options read by kernels take effect at every call', () => {
  it('a new learning rate between calls is used, as eager does', () => {
    const eager = network();
    const compiled = network();
    const step = compile(compiled.step);
    for (let i = 0; i < 30; i++) {
      const lr = 1 / (1 + i); // a schedule, applied outside the step
      eager.optimizer.lr = lr;
      compiled.optimizer.lr = lr;
      eager.step(X, Y);
      step(X, Y);
    }
    expect(weights(compiled.model)).toEqual(weights(eager.model));
  });
});

describe('random draws inside the step', () => {
  it('are fresh at every call and the same sequence as eager for the same seed', () => {
    const draw = (rng: Rng) => (x: Tensor) => T.add(x, rng.uniform(x.shape, 0, 1, f64));
    const eagerDraw = draw(new Rng(7));
    const compiledDraw = compile(draw(new Rng(7)));
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const expected = eagerDraw(X).toArray();
      const got = compiledDraw(X).toArray();
      expect(got).toEqual(expected);
      seen.add(JSON.stringify(got));
    }
    expect(seen.size).toBe(5);
  });
});

describe('replaced parameters are picked up', () => {
  it('after loadStateDict, the next call traces again and matches eager', () => {
    const eager = network();
    const compiled = network();
    const step = compile(compiled.step);
    for (let i = 0; i < 5; i++) {
      eager.step(X, Y);
      step(X, Y);
    }
    const fresh = network().model.stateDict();
    eager.model.loadStateDict(fresh);
    compiled.model.loadStateDict(fresh);
    for (let i = 0; i < 5; i++) expect(step(X, Y).item()).toBe(eager.step(X, Y).item());
    expect(weights(compiled.model)).toEqual(weights(eager.model));
  });

  it('a value assigned by hand is picked up too', () => {
    const w = new Parameter(tensor([[1], [2], [3]], f64));
    const step = compile((x: Tensor) => sum(matmul(x, w)).value);
    expect(step(X).item()).toBe(3 + 5 + 4 + 6);
    w.value = tensor([[0], [0], [1]], f64);
    expect(step(X).item()).toBe(4);
  });
});

describe('verify', () => {
  it('re-traces every call and throws when the launches differ from the first trace', () => {
    let calls = 0;
    const w = variable(tensor([1, 2], f64));
    const fn = (x: Tensor) => {
      calls++;
      return (calls % 2 === 0 ? mul(x, w) : mul(mul(x, w), 2)).value; // control flow a replay would not see
    };
    const silent = compile(fn);
    const x = tensor([1, 1], f64);
    expect(silent(x).toArray()).toEqual([2, 4]); // eager, odd call
    expect(silent(x).toArray()).toEqual([1, 2]); // traced, even call
    expect(silent(x).toArray()).toEqual([1, 2]); // replayed the trace: the JS branch was not re-run
    calls = 0;
    const checked = compile(fn, { verify: true });
    checked(x); // eager
    checked(x); // the first trace
    expect(() => checked(x)).toThrow(/^compile: with \{ verify: true \}, launch \d+ differs from the first trace's/);
  });

  it('passes for a step whose launches do not change', () => {
    const { step } = network();
    const checked = compile(step, { verify: true });
    for (let i = 0; i < 4; i++) checked(X, Y);
  });
});

describe('errors', () => {
  it('a kernel that throws during a replay leaves the parameters as they were', () => {
    const w = new Parameter(tensor([[0.5], [0.5], [0.5]], f64));
    const optimizer = new SGD([w], { lr: 0.1 });
    const step = compile((labels: Tensor) => {
      optimizer.zeroGrad();
      const target = constant(T.oneHot(labels, 3, f64));
      const loss = sum(mul(matmul(constant(X), w), sum(target, 1, true)));
      loss.backward();
      optimizer.step();
      return loss.value;
    });
    const good = tensor([0, 1, 2, 0], f64);
    step(good);
    step(good);
    step(good); // replayed
    const before = w.value.clone().toArray();
    expect(() => step(tensor([0, 1, 7, 0], f64))).toThrow(ValueError);
    expect(w.value.toArray()).toEqual(before);
  });

  it('arguments must be tensors; a new signature traces again', () => {
    const step = compile((x: Tensor) => T.mul(x, 2));
    expect(() => step(3 as never)).toThrow(/^compile: argument 0 must be a Tensor; got number 3/);
    expect(step(tensor([1, 2], f64)).toArray()).toEqual([2, 4]);
    expect(step(tensor([1, 2, 3], f64)).toArray()).toEqual([2, 4, 6]);
    expect(step(tensor([5, 6], f64)).toArray()).toEqual([10, 12]);
  });
});

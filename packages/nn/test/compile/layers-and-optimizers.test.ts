// compile() replays issue 16's layers and optimisation bit for bit: LayerNorm, Dropout (its Rng advances at every
// replay), clipGradNorm, the AdamW and RMSprop kernels, a schedule setting lr between calls; and it traces again
// when a mode changes or an optimizer's state is loaded.
import { compile, constant } from '@chainrule/autograd';
import {
  Adam,
  AdamW,
  Dense,
  Dropout,
  LRScheduler,
  LayerNorm,
  type Optimizer,
  type Parameter,
  RMSprop,
  SGD,
  Sequential,
  Tanh,
  clipGradNorm,
  cosineDecay,
  linearWarmup,
  mse,
  sequentialSchedules,
} from '@chainrule/nn';
import { Rng, type Tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const optimizers: [string, (parameters: Parameter[]) => Optimizer][] = [
  ['SGD (Nesterov)', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 })],
  ['Adam', (p) => new Adam(p, { lr: 0.01 })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01, weightDecay: 0.1 })],
  ['RMSprop (centered, momentum)', (p) => new RMSprop(p, { lr: 0.002, momentum: 0.5, centered: true })],
];

const data = new Rng(7);
const X = data.normal([16, 3]);
const Y = data.normal([16, 2]);

function setup(makeOptimizer: (parameters: Parameter[]) => Optimizer) {
  const rng = new Rng(1);
  const model = new Sequential(
    new Dense(3, 8, { rng }),
    new LayerNorm(8),
    new Tanh(),
    new Dropout(0.25, { rng }),
    new Dense(8, 2, { rng }),
  );
  const optimizer = makeOptimizer(model.parameters());
  const scheduler = new LRScheduler(optimizer, sequentialSchedules([linearWarmup(5), cosineDecay(40)], [5]));
  const calls = { count: 0 }; // how often the JavaScript of the step ran (a replay does not run it)
  const step = (x: Tensor, y: Tensor): Tensor => {
    calls.count++;
    optimizer.zeroGrad();
    const loss = mse(model.forward(constant(x)), constant(y));
    loss.backward();
    clipGradNorm(model.parameters(), 0.5);
    optimizer.step();
    return loss.value;
  };
  return { model, optimizer, scheduler, step, calls };
}

const weights = (model: Sequential) => model.parameters().map((p) => p.value.clone().toArray());

describe('compile: layers and optimizers of issue 16', () => {
  for (const [name, makeOptimizer] of optimizers) {
    it(`${name}: 50 compiled steps (schedule set between calls) equal 50 eager ones bit for bit`, () => {
      const eager = setup(makeOptimizer);
      const compiled = setup(makeOptimizer);
      const step = compile(compiled.step);
      for (let i = 0; i < 50; i++) {
        const expected = eager.step(X, Y).item();
        eager.scheduler.step();
        const got = step(X, Y).item();
        compiled.scheduler.step();
        expect(Object.is(got, expected)).toBe(true);
      }
      expect(weights(compiled.model)).toEqual(weights(eager.model));
      expect(compiled.calls.count).toBeLessThanOrEqual(2); // traced (twice at most), then replayed
    });
  }

  /** Runs `count` steps of both (each followed by its scheduler's step) and checks that the losses agree. */
  function together(eager: ReturnType<typeof setup>, compiled: ReturnType<typeof setup>, count: number) {
    const step = compile(compiled.step);
    return (n = count): void => {
      for (let i = 0; i < n; i++) {
        const expected = eager.step(X, Y).item();
        eager.scheduler.step();
        expect(Object.is(step(X, Y).item(), expected)).toBe(true);
        compiled.scheduler.step();
      }
    };
  }

  it('switching to evaluation mode (no dropout) traces again', () => {
    const eager = setup(optimizers[1]![1]);
    const compiled = setup(optimizers[1]![1]);
    const run = together(eager, compiled, 8);
    run();
    eager.model.eval();
    compiled.model.eval();
    run();
    compiled.model.train();
    eager.model.train();
    run();
    expect(weights(compiled.model)).toEqual(weights(eager.model));
  });

  it('loading an optimizer state traces again, so the replay updates the loaded state', () => {
    const source = setup(optimizers[2]![1]);
    for (let i = 0; i < 10; i++) {
      source.step(X, Y);
      source.scheduler.step();
    }
    const saved = source.optimizer.stateDict();
    const eager = setup(optimizers[2]![1]);
    const compiled = setup(optimizers[2]![1]);
    const run = together(eager, compiled, 8);
    run();
    // Only the optimizer's state (moments, step counts and lr from another run): no parameter value changes.
    eager.optimizer.loadStateDict(saved);
    compiled.optimizer.loadStateDict(saved);
    run();
    expect(weights(compiled.model)).toEqual(weights(eager.model));
  });
});

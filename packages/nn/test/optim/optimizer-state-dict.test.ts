import { Var, constant } from '@chainrule/autograd';
import {
  Adam,
  AdamW,
  Dense,
  Dropout,
  LRScheduler,
  type Optimizer,
  Parameter,
  RMSprop,
  SGD,
  Sequential,
  StateDictError,
  Tanh,
  batches,
  cosineDecay,
  linearWarmup,
  loadSafetensors,
  mse,
  saveSafetensors,
  sequentialSchedules,
  stateDictFromJSON,
  stateDictToJSON,
} from '@chainrule/nn';
import { Rng, type Tensor, scalar, tensor, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

const optimizers: [string, (parameters: Parameter[]) => Optimizer][] = [
  [
    'SGD with Nesterov momentum and weight decay',
    (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }),
  ],
  ['Adam', (p) => new Adam(p, { lr: 0.02, weightDecay: 1e-3 })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.02 })],
  ['RMSprop centered with momentum', (p) => new RMSprop(p, { lr: 0.005, momentum: 0.5, centered: true })],
];

/** A float32 network, its data, and a training step: the setting a resumed run must reproduce exactly. */
function setting(seed: number) {
  const rng = new Rng(seed);
  const model = new Sequential(new Dense(3, 8, { rng }), new Tanh(), new Dense(8, 2, { rng }));
  return model;
}
const data = new Rng(100);
const x = constant(data.normal([16, 3]));
const y = constant(data.normal([16, 2]));

/** Prefixes every key of `dict` with `prefix` (several state dicts in one file). */
function prefixed(prefix: string, dict: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(dict).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** The entries of `dict` under `prefix`, with the prefix removed. */
function unprefixed(prefix: string, dict: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(dict)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

describe('an interrupted run resumes exactly', () => {
  for (const [name, makeOptimizer] of optimizers) {
    it(`${name}: 20 steps, save through safetensors, load into fresh objects, 20 more = 40 uninterrupted, bit for bit`, () => {
      const schedule = sequentialSchedules([linearWarmup(5), cosineDecay(50, 0.1)], [5]);
      const train = (model: Sequential, optimizer: Optimizer, scheduler: LRScheduler, steps: number): number[] => {
        const losses: number[] = [];
        for (let step = 0; step < steps; step++) {
          optimizer.zeroGrad();
          const loss = mse(model.forward(x), y);
          loss.backward();
          optimizer.step();
          scheduler.step();
          losses.push(loss.item());
        }
        return losses;
      };

      const model = setting(1);
      const optimizer = makeOptimizer(model.parameters());
      const scheduler = new LRScheduler(optimizer, schedule);
      const uninterrupted = train(model, optimizer, scheduler, 40);

      const first = setting(1);
      const firstOptimizer = makeOptimizer(first.parameters());
      const firstScheduler = new LRScheduler(firstOptimizer, schedule);
      const before = train(first, firstOptimizer, firstScheduler, 20);
      const bytes = saveSafetensors({
        ...prefixed('model.', first.stateDict()),
        ...prefixed('optimizer.', firstOptimizer.stateDict()),
        ...prefixed('scheduler.', firstScheduler.stateDict()),
      });

      const { tensors } = loadSafetensors(bytes);
      const resumed = setting(2); // other weights: everything must come from the file
      const resumedOptimizer = makeOptimizer(resumed.parameters());
      const resumedScheduler = new LRScheduler(resumedOptimizer, schedule);
      resumed.loadStateDict(unprefixed('model.', tensors));
      resumedOptimizer.loadStateDict(unprefixed('optimizer.', tensors));
      resumedScheduler.loadStateDict(unprefixed('scheduler.', tensors));
      expect(resumedOptimizer.lr).toBe(firstOptimizer.lr);
      const after = train(resumed, resumedOptimizer, resumedScheduler, 20);

      expect([...before, ...after]).toEqual(uninterrupted);
      const finalWeights = model.parameters().map((parameter) => flat(parameter.value));
      expect(resumed.parameters().map((parameter) => flat(parameter.value))).toEqual(finalWeights);
      // The saved state mattered: without it, the 20 more steps end elsewhere.
      const restart = setting(2);
      restart.loadStateDict(unprefixed('model.', tensors));
      const restartOptimizer = makeOptimizer(restart.parameters());
      train(restart, restartOptimizer, new LRScheduler(restartOptimizer, schedule), 20);
      expect(restart.parameters().map((parameter) => flat(parameter.value))).not.toEqual(finalWeights);
    });
  }
});

describe('a run that draws random numbers resumes exactly with the Rng state', () => {
  // Dropout masks and the batch order come from one Rng: the checkpoint holds its state beside model and optimizer.
  const inputs = new Rng(7).normal([24, 3]);
  const targets = new Rng(8).normal([24, 2]);
  const network = (seed: number) => {
    const rng = new Rng(seed);
    const model = new Sequential(
      new Dense(3, 8, { rng }),
      new Tanh(),
      new Dropout(0.3, { rng }),
      new Dense(8, 2, { rng }),
    );
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const loader = batches({ x: inputs, y: targets }, { size: 5, shuffle: true, rng });
    return { rng, model, optimizer, loader };
  };
  type Run = ReturnType<typeof network>;
  const train = ({ model, optimizer, loader }: Run, epochs: number): number[] => {
    const losses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const batch of loader) {
        optimizer.zeroGrad();
        const loss = mse(model.forward(batch.x), batch.y);
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
      }
    }
    return losses;
  };

  it('3 epochs, save model, optimizer and rng through safetensors, 3 more in fresh objects = 6 uninterrupted', () => {
    const uninterrupted = network(1);
    const expected = train(uninterrupted, 6);

    const first = network(1);
    const before = train(first, 3);
    const bytes = saveSafetensors({
      ...prefixed('model.', first.model.stateDict()),
      ...prefixed('optimizer.', first.optimizer.stateDict()),
      ...prefixed('rng.', first.rng.stateDict()),
    });
    const { tensors } = loadSafetensors(bytes);
    const resumed = network(2); // other weights, another stream: everything must come from the file
    resumed.model.loadStateDict(unprefixed('model.', tensors));
    resumed.optimizer.loadStateDict(unprefixed('optimizer.', tensors));
    resumed.rng.loadStateDict(unprefixed('rng.', tensors));
    const after = train(resumed, 3);

    expect([...before, ...after]).toEqual(expected);
    const finalWeights = uninterrupted.model.parameters().map((parameter) => flat(parameter.value));
    expect(resumed.model.parameters().map((parameter) => flat(parameter.value))).toEqual(finalWeights);
    // The Rng state mattered: with model and optimizer alone, the masks and the order differ.
    const withoutRng = network(2);
    withoutRng.model.loadStateDict(unprefixed('model.', tensors));
    withoutRng.optimizer.loadStateDict(unprefixed('optimizer.', tensors));
    expect(train(withoutRng, 3)).not.toEqual(after);
  });
});

describe('Optimizer.stateDict', () => {
  it('holds lr and each stepped parameter state under state.<index>.<name>, copied', () => {
    const a = new Parameter(tensor([1, 2], f64));
    const b = new Parameter(tensor([[3]]));
    const optimizer = new Adam([a, b], { lr: 0.5 });
    expect(Object.keys(optimizer.stateDict())).toEqual(['lr']);
    a.grad = new Var(tensor([1, 1], f64));
    optimizer.step();
    const dict = optimizer.stateDict();
    expect(Object.keys(dict)).toEqual(['lr', 'state.0.step', 'state.0.average', 'state.0.averageSquare']);
    expect([dict.lr!.item(), dict.lr!.dtype, dict['state.0.step']!.item()]).toEqual([0.5, 'float64', 1]);
    expect(flat(dict['state.0.average']!)).toEqual([1 - 0.9, 1 - 0.9]); // m = (1 − β₁)·g
    optimizer.step();
    expect(flat(dict['state.0.average']!)).toEqual([1 - 0.9, 1 - 0.9]);
  });

  it('keeps only what the options use: plain SGD a step count, RMSprop no velocity without momentum', () => {
    const p = new Parameter(tensor([1]));
    p.grad = new Var(tensor([1]));
    const sgd = new SGD([p], { lr: 0.1 });
    sgd.step();
    expect(Object.keys(sgd.stateDict())).toEqual(['lr', 'state.0.step']);
    const rmsprop = new RMSprop([p]);
    rmsprop.step();
    expect(Object.keys(rmsprop.stateDict())).toEqual(['lr', 'state.0.step', 'state.0.averageSquare']);
  });

  it('round-trips through JSON too', () => {
    const p = new Parameter(tensor([1, 2]));
    const optimizer = new SGD([p], { lr: 0.1, momentum: 0.9 });
    p.grad = new Var(tensor([0.5, -0.25]));
    optimizer.step();
    const copy = new SGD([new Parameter(tensor([0, 0]))], { lr: 1, momentum: 0.9 });
    copy.loadStateDict(stateDictFromJSON(stateDictToJSON(optimizer.stateDict())));
    expect(copy.stateDict()).toEqual(optimizer.stateDict());
  });
});

describe('Optimizer.loadStateDict', () => {
  const fresh = () => {
    const optimizer = new Adam([new Parameter(tensor([1, 2])), new Parameter(tensor([3]))], { lr: 0.1 });
    optimizer.parameters[0]!.grad = new Var(tensor([1, 1]));
    optimizer.step();
    return optimizer;
  };

  it('a parameter without saved state starts afresh', () => {
    const optimizer = fresh();
    optimizer.loadStateDict({ lr: scalar(0.25, f64) });
    expect(optimizer.lr).toBe(0.25);
    expect(Object.keys(optimizer.stateDict())).toEqual(['lr']);
  });

  it('checks every entry first and lists every problem in one StateDictError, changing nothing', () => {
    const optimizer = fresh();
    const before = optimizer.stateDict();
    const dict = {
      ...before,
      lr: scalar(0.1),
      'state.0.average': zeros([3]),
      'state.0.velocity': zeros([2]),
      'state.2.step': scalar(1, f64),
      'state.1.step': scalar(2.5, f64),
      junk: zeros([1]),
    };
    delete (dict as Record<string, Tensor>)['state.0.averageSquare'];
    let error: StateDictError | undefined;
    try {
      optimizer.loadStateDict(dict);
    } catch (caught) {
      error = caught as StateDictError;
    }
    expect(error).toBeInstanceOf(StateDictError);
    expect(error!.message).toBe(
      [
        "Adam.loadStateDict: 'lr' is [] float32, expected [] float64",
        "unexpected key 'state.2.step': the optimizer has 2 parameters",
        "unexpected key 'junk' (expected 'lr' or 'state.<index>.<name>')",
        "unexpected key 'state.0.velocity' (expected 'state.0.step', 'state.0.average', 'state.0.averageSquare')",
        "'state.0.average' is [3] float32, expected [2] float32",
        "missing key 'state.0.averageSquare' (expected [2] float32)",
        "'state.1.step' is 2.5; expected a step count (an integer >= 0)",
        "missing key 'state.1.average' (expected [1] float32)",
        "missing key 'state.1.averageSquare' (expected [1] float32)",
      ].join('; '),
    );
    expect(error!.missingKeys).toEqual(['state.0.averageSquare', 'state.1.average', 'state.1.averageSquare']);
    expect(error!.unexpectedKeys).toEqual(['state.2.step', 'junk', 'state.0.velocity']);
    expect(optimizer.stateDict()).toEqual(before);
  });

  it('refuses a dict of another optimizer, a negative lr and a non-object', () => {
    const p = new Parameter(tensor([1]));
    p.grad = new Var(tensor([1]));
    const sgd = new SGD([p], { lr: 0.1, momentum: 0.9 });
    sgd.step();
    expect(() => new RMSprop([p]).loadStateDict(sgd.stateDict())).toThrow(
      "RMSprop.loadStateDict: unexpected key 'state.0.momentumBuffer' (expected 'state.0.step', 'state.0.averageSquare'); missing key 'state.0.averageSquare' (expected [1] float32)",
    );
    expect(() => sgd.loadStateDict({ lr: scalar(-1, f64) })).toThrow(
      "SGD.loadStateDict: 'lr' is -1; expected a finite number >= 0",
    );
    expect(() => sgd.loadStateDict({})).toThrow("SGD.loadStateDict: missing key 'lr' (expected [] float64)");
    expect(() => sgd.loadStateDict(tensor([1]) as never)).toThrow(StateDictError);
    expect(() => sgd.loadStateDict(null as never)).toThrow(
      'SGD.loadStateDict: expected an object of name -> Tensor (optimizer.stateDict()); got null',
    );
  });
});

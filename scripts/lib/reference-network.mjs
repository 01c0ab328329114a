// The reference problem of DESIGN.md, written against the packages' public APIs.
// The functions take the packages as arguments and use nothing from their scope, so the Node consumers
// inline them as source text (`fn.toString()`) after their own `import` or `require` lines, and the
// browser page imports them directly: the same training code runs everywhere.

/**
 * Trains `Dense(3,4) -> sigmoid -> Dense(4,1) -> sigmoid` (no bias, weights uniform in [0,1) from
 * `new Rng(seed)`) on the XOR-like set with the sum of squared errors and SGD at learning rate 1, the step
 * through `A.compile` when `compiled` is true. Returns the loss of each step and the predictions after the last one.
 */
export function trainReferenceNetwork(T, A, N, { steps, seed = 1, dtype = 'float64', compiled = false }) {
  const x = A.constant(
    T.tensor(
      [
        [0, 0, 1],
        [0, 1, 1],
        [1, 0, 1],
        [1, 1, 1],
      ],
      { dtype },
    ),
  );
  const y = A.constant(T.tensor([[0], [1], [1], [0]], { dtype }));
  const rng = new T.Rng(seed);
  const model = new N.Sequential(
    new N.Dense(3, 4, { bias: false, init: N.uniform(0, 1), rng, dtype }),
    new N.Sigmoid(),
    new N.Dense(4, 1, { bias: false, init: N.uniform(0, 1), rng, dtype }),
    new N.Sigmoid(),
  );
  const optimizer = new N.SGD(model.parameters(), { lr: 1 });
  const losses = [];
  const iterate = () => {
    optimizer.zeroGrad();
    const loss = N.sse(model.forward(x), y);
    loss.backward();
    optimizer.step();
    return loss.value;
  };
  const step = compiled ? A.compile(iterate) : iterate;
  for (let index = 0; index < steps; index++) losses.push(step().item());
  const predictions = A.noGrad(() => model.forward(x))
    .toArray()
    .map((row) => row[0]);
  return { losses, predictions, parameterCount: model.parameters().length };
}

/** Throws unless the loss fell at every step and overall, and every loss is finite. */
export function assertLossFell({ losses }) {
  if (losses.length < 2) throw new Error(`expected at least 2 losses, got ${losses.length}`);
  for (let step = 0; step < losses.length; step++) {
    if (!Number.isFinite(losses[step])) throw new Error(`loss at step ${step} is ${losses[step]}`);
    if (step > 0 && !(losses[step] < losses[step - 1])) {
      throw new Error(`loss rose at step ${step}: ${losses[step - 1]} -> ${losses[step]}`);
    }
  }
  const first = losses[0];
  const last = losses[losses.length - 1];
  if (!(last < first * 0.999)) throw new Error(`loss did not fall: ${first} -> ${last}`);
  return `loss ${first.toFixed(4)} -> ${last.toFixed(4)} in ${losses.length} steps`;
}

/**
 * The reference network (weights uniform in [0,1) from `new Rng(seed)`, float64) exported to ONNX with a dynamic batch
 * axis: the bytes, as an array of numbers.
 */
export function exportReferenceNetwork(T, N, O, { seed = 1 } = {}) {
  const rng = new T.Rng(seed);
  const dtype = 'float64';
  const model = new N.Sequential(
    new N.Dense(3, 4, { bias: false, init: N.uniform(0, 1), rng, dtype }),
    new N.Sigmoid(),
    new N.Dense(4, 1, { bias: false, init: N.uniform(0, 1), rng, dtype }),
    new N.Sigmoid(),
  );
  const example = T.tensor(
    [
      [0, 0, 1],
      [1, 1, 1],
    ],
    { dtype },
  );
  return Array.from(O.exportOnnx(model, example, { dynamicBatch: true }));
}

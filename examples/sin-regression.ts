// sin(x) regression: a small network fits y = sin(x) on [−π, π] with Adam and a cosine learning-rate schedule.
// PyTorch twin: README.md, "sin(x) regression".
import { Adam, Dense, LRScheduler, Sequential, Tanh, cosineDecay, mse } from '@chainrule/nn';
import * as T from '@chainrule/tensor';

const rng = new T.Rng(0);
const x = T.reshape(T.linspace(-Math.PI, Math.PI, 200), [200, 1]);
const y = T.sin(x);

const model = new Sequential(
  new Dense(1, 32, { rng }),
  new Tanh(),
  new Dense(32, 32, { rng }),
  new Tanh(),
  new Dense(32, 1, { rng }),
);
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const scheduler = new LRScheduler(optimizer, cosineDecay(2000));

for (let step = 0; step < 2000; step++) {
  optimizer.zeroGrad();
  const loss = mse(model.forward(x), y);
  loss.backward();
  optimizer.step();
  scheduler.step();
}

model.eval();
export const finalMse = mse(model.forward(x), y).item();
console.log(`final MSE ${finalMse.toExponential(2)}`);

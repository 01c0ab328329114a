// A layer of your own (Swish with a learnable slope β), trained inside a Sequential, saved to a safetensors file and
// loaded into a fresh model. PyTorch twin: README.md, "A custom layer".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Var, type VarLike, mul, sigmoid } from '@chainrule/autograd';
import { Adam, Dense, Module, Parameter, Sequential, loadSafetensors, mse, saveSafetensors } from '@chainrule/nn';
import * as T from '@chainrule/tensor';

class Swish extends Module {
  beta = new Parameter(T.ones([1])); // a field: found by parameters() and stateDict() as 'beta'

  forward(x: VarLike): Var {
    return mul(x, sigmoid(mul(this.beta, x))); // x·σ(βx); autograd derives the gradient
  }
}

const rng = new T.Rng(0);
const makeModel = () => new Sequential(new Dense(2, 16, { rng }), new Swish(), new Dense(16, 1, { rng }));
const model = makeModel();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });

const x = rng.uniform([256, 2], -1, 1);
const y = T.sum(T.square(x), 1, true); // y = x₀² + x₁²

for (let step = 0; step < 500; step++) {
  optimizer.zeroGrad();
  const loss = mse(model.forward(x), y);
  loss.backward();
  optimizer.step();
}

const folder = mkdtempSync(join(tmpdir(), 'chainrule-'));
const path = join(folder, 'model.safetensors');
writeFileSync(path, saveSafetensors(model.stateDict()));

const restored = makeModel(); // fresh random weights
restored.loadStateDict(loadSafetensors(readFileSync(path)).tensors);
rmSync(folder, { recursive: true });

export const parameterNames = model.namedParameters().map(([name]) => name);
export const finalLoss = mse(model.forward(x), y).item();
export const beta = (model.layers[1] as Swish).beta.item();
export const outputs = model.forward(x).toArray();
export const restoredOutputs = restored.forward(x).toArray();
console.log(model.summary());
console.log(
  `final MSE ${finalLoss.toFixed(5)}, learned β ${beta.toFixed(3)}; saved to a safetensors file and loaded back`,
);

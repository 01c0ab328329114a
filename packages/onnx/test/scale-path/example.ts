import { constant } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, sse, uniform } from '@chainrule/nn';
import { loadSafetensors, loadTorchStateDict, saveSafetensors, toTorchStateDict } from '@chainrule/nn';
import { exportOnnx } from '@chainrule/onnx';
import { Rng, tensor } from '@chainrule/tensor';
import * as ort from 'onnxruntime-node';

const f64 = { dtype: 'float64' } as const;
const x = tensor(
  [
    [0, 0, 1],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 1],
  ],
  f64,
);
const y = tensor([[0], [1], [1], [0]], f64);
const network = (rng: Rng) =>
  new Sequential(
    new Dense(3, 4, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
    new Dense(4, 1, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
  );
const model = network(new Rng(1)); // the tutorial's network, trained here...
const optimizer = new SGD(model.parameters(), { lr: 1 });
for (let step = 0; step < 1500; step++) {
  optimizer.zeroGrad();
  sse(model.forward(constant(x)), constant(y)).backward();
  optimizer.step();
}

// ...its computation out to ONNX Runtime, for any batch size:
const session = await ort.InferenceSession.create(exportOnnx(model, x, { dynamicBatch: true }));
const { output } = await session.run({ input: new ort.Tensor('float64', x.data, x.shape) });
console.log('ONNX Runtime', output!.data); // [0.0164, 0.9802, 0.9772, 0.0231], chainrule's predictions

// ...its weights out to PyTorch, as torch.nn.Sequential(Linear(3, 4, bias=False), Sigmoid(), Linear(4, 1, bias=False),
// Sigmoid()).double() names and lays them out: load_state_dict(safetensors.torch.load_file('model.safetensors')).
const bytes = saveSafetensors(toTorchStateDict(model)); // write them to model.safetensors
// And the way in: weights that PyTorch saved (safetensors.torch.save_file(model.state_dict(), path)).
const copy = network(new Rng(2));
loadTorchStateDict(copy, loadSafetensors(bytes).tensors);
console.log('chainrule', copy.forward(constant(x)).value.data); // the same predictions

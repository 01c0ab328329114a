// Cold start, chainrule: imports the three packages (built dist), trains the reference network in float64
// with Dense layers (activation 'sigmoid'), sse and SGD, as the warm benchmark's chainrule row; prints the predictions.
// Usage: node chainrule.mjs '<problem JSON>'
import { constant, noGrad } from '@chainrule/autograd';
import { Dense, SGD, Sequential, sse } from '@chainrule/nn';
import { Rng, Tensor } from '@chainrule/tensor';

const problem = JSON.parse(process.argv[2]);
const { samples, inputSize, hiddenSize } = problem;
const dtype = 'float64';
const rng = new Rng(1);
const fixed = (values) => (shape) => new Tensor(Float64Array.from(values), shape);
const model = new Sequential(
  new Dense(inputSize, hiddenSize, {
    bias: false,
    init: fixed(problem.firstWeights),
    rng,
    dtype,
    activation: 'sigmoid',
  }),
  new Dense(hiddenSize, 1, { bias: false, init: fixed(problem.secondWeights), rng, dtype, activation: 'sigmoid' }),
);
const inputs = constant(new Tensor(Float64Array.from(problem.inputs), [samples, inputSize]));
const targets = constant(new Tensor(Float64Array.from(problem.targets), [samples, 1]));
const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
for (let iteration = 0; iteration < problem.iterations; iteration++) {
  optimizer.zeroGrad();
  sse(model.forward(inputs), targets).backward();
  optimizer.step();
}
const predictions = noGrad(() => model.forward(inputs)).value.contiguous();
console.log(JSON.stringify([...predictions.data.subarray(predictions.offset, predictions.offset + predictions.size)]));

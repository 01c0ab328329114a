// Cold start, plain JS: trains the reference network with fused loops (no imports), prints the predictions.
// Usage: node plain-js.mjs '<problem JSON>'
const problem = JSON.parse(process.argv[2]);
const { samples, inputSize, hiddenSize, inputs, targets, iterations, learningRate } = problem;
const first = Float64Array.from(problem.firstWeights);
const second = Float64Array.from(problem.secondWeights);
const hidden = new Float64Array(samples * hiddenSize);
const predictions = new Float64Array(samples);
const outputDelta = new Float64Array(samples);

function forward() {
  for (let sample = 0; sample < samples; sample++) {
    let output = 0;
    for (let unit = 0; unit < hiddenSize; unit++) {
      let sum = 0;
      for (let input = 0; input < inputSize; input++)
        sum += inputs[sample * inputSize + input] * first[input * hiddenSize + unit];
      const activation = 1 / (1 + Math.exp(-sum));
      hidden[sample * hiddenSize + unit] = activation;
      output += activation * second[unit];
    }
    predictions[sample] = 1 / (1 + Math.exp(-output));
  }
}

for (let iteration = 0; iteration < iterations; iteration++) {
  forward();
  for (let sample = 0; sample < samples; sample++) {
    const prediction = predictions[sample];
    outputDelta[sample] = -2 * (targets[sample] - prediction) * prediction * (1 - prediction);
  }
  for (let unit = 0; unit < hiddenSize; unit++) {
    let secondGradient = 0;
    for (let sample = 0; sample < samples; sample++)
      secondGradient += hidden[sample * hiddenSize + unit] * outputDelta[sample];
    for (let input = 0; input < inputSize; input++) {
      let firstGradient = 0;
      for (let sample = 0; sample < samples; sample++) {
        const activation = hidden[sample * hiddenSize + unit];
        firstGradient +=
          inputs[sample * inputSize + input] * outputDelta[sample] * second[unit] * activation * (1 - activation);
      }
      first[input * hiddenSize + unit] -= learningRate * firstGradient;
    }
    second[unit] -= learningRate * secondGradient;
  }
}
forward();
console.log(JSON.stringify([...predictions]));

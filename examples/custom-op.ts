// An op of your own with its gradient (log cosh, stable for any x), checked against finite differences to second
// order, then used as a robust loss to fit a line through data with outliers. PyTorch twin: README.md, "A custom op".
import { add, checkGrad, defineOp, div, mean, mul, sub, tanh } from '@chainrule/autograd';
import { Adam, Parameter } from '@chainrule/nn';
import * as T from '@chainrule/tensor';

export const logCosh = defineOp<[T.Tensor]>({
  name: 'logCosh',
  // log cosh x = |x| + log(1 + e^(−2|x|)) − log 2: no exp of a large number, so no overflow
  forward: ([x]) => T.sub(T.add(T.abs(x), T.log1p(T.exp(T.mul(-2, T.abs(x))))), Math.LN2),
  // d/dx log cosh x = tanh x (a differentiable op, so second derivatives work too)
  backward: (grad, [x]) => [mul(grad, tanh(x))],
});

// Central differences in float64 against the analytic first and second derivatives; throws if they disagree.
export const report = checkGrad(logCosh, [T.tensor([-3, -0.5, 0, 0.5, 3])], { order: 2 });

// y = 2x + 1 with noise, and every tenth point thrown far off. log cosh(error/0.1) is like error² near 0 and like
// |error| beyond 0.1, so the outliers pull far less than they would pull a squared error.
const rng = new T.Rng(0);
const x = rng.uniform([200], -1, 1);
const outliers = T.mul(T.tensor(Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : 0))), 20);
const y = T.add(T.add(T.add(T.mul(x, 2), 1), rng.normal([200], 0, 0.05)), outliers);

const slope = new Parameter(T.zeros([1]));
const intercept = new Parameter(T.zeros([1]));
const optimizer = new Adam([slope, intercept], { lr: 0.05 });
for (let step = 0; step < 1000; step++) {
  optimizer.zeroGrad();
  const loss = mean(logCosh(div(sub(add(mul(x, slope), intercept), y), 0.1)));
  loss.backward();
  optimizer.step();
}

export const fitted = { slope: slope.item(), intercept: intercept.item() };
console.log(`checkGrad passed (largest error ${report.maxError.toExponential(1)});`);
console.log(
  `fitted y = ${fitted.slope.toFixed(3)}·x + ${fitted.intercept.toFixed(3)} despite 20 outliers (true: 2x + 1)`,
);

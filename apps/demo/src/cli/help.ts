import { MAX_HIDDEN_UNITS, MAX_ITERATIONS, MAX_SEED } from './args';
import { formatCount, formatNumber } from '../render/format';
import { DEFAULT_TRAIN_OPTIONS } from './options';

/** The `--help` text. */
export function helpText(): string {
  const defaults = DEFAULT_TRAIN_OPTIONS;
  return `Usage: pnpm demo [flags]     (once built: node apps/demo/dist/cli.js [flags])

Trains the classic "neural network from scratch" example with chainrule:
Dense(3→${defaults.hiddenUnits}) → sigmoid → Dense(${defaults.hiddenUnits}→1) → sigmoid, no biases, weights uniform in
[0, 1), on inputs [0,0,1] [0,1,1] [1,0,1] [1,1,1] with targets 0 1 1 0, loss
Σ(y − ŷ)², plain gradient descent. The gradients come from @chainrule/autograd:
no derivative is written by hand. Shows a progress bar, the loss falling as a
chart, then each row's prediction beside its target.

Flags:
  --iterations N    training iterations, 1 to ${formatCount(MAX_ITERATIONS)} (default ${formatCount(defaults.iterations)})
  --lr X            learning rate, a positive number (default ${formatNumber(defaults.learningRate)})
  --hidden N        hidden units, 1 to ${formatCount(MAX_HIDDEN_UNITS)} (default ${formatCount(defaults.hiddenUnits)})
  --seed N          seed of the initial weights, 0 to ${formatCount(MAX_SEED)} (default ${defaults.seed})
  --dtype T         float32 or float64 (default ${defaults.dtype}: the tutorial ran
                    in NumPy's float64, so its numbers are reproduced in
                    float64; float32 is chainrule's own default)
  --plot FILE.svg   also write the loss curve as a standalone SVG image
  --graph FILE      also write the computation graph of the first iteration
                    (forward pass, gradient norms, weights labelled with
                    their parameter names): FILE.dot for Graphviz, FILE.mmd
                    for Mermaid
  --json            print only JSON on stdout: options, final loss, training
                    time, predictions, initial and final weights, and the
                    loss after every iteration
  -q, --quiet       print only the final summary line
  --compile         train with a compiled step: traced once, then replayed
                    into the same buffers (same numbers, faster)
  -h, --help        show this help (wins over every other flag)
  --version         print the version of the demo and of the chainrule
                    packages it runs on

The loss shown at iteration k is the loss after k iterations. The final loss,
in the progress display, the summary and the plot alike, is the loss after
the last one: the loss of the predictions shown.

Exit codes: 0 done; 2 bad flag or value, reported on one line before anything
is trained or written; 3 training diverged (the loss or a weight became NaN
or infinite: the learning rate is too large), reported on one line, nothing
written; 1 any other failure.

Examples:
  pnpm demo --seed 3
  pnpm demo --iterations 3000 --lr 0.5 --plot loss.svg
  pnpm demo --graph graph.dot && dot -Tsvg graph.dot > graph.svg
  node apps/demo/dist/cli.js --json > result.json
`;
}

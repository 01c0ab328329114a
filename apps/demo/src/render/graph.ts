import { type Var, toDot, toMermaid } from '@chainrule/autograd';
import { sse } from '@chainrule/nn';
import { GRAPH_FORMATS } from '../cli/args';
import { createProblem, type TrainOptions } from '../train/train';

/** A graph file format `--graph` can write. */
export type GraphFormat = (typeof GRAPH_FORMATS)[keyof typeof GRAPH_FORMATS];

/** The format selected by a file name's extension (`.dot`: Graphviz, `.mmd`: Mermaid); the name was validated already. */
export function graphFormatOf(path: string): GraphFormat {
  const lower = path.toLowerCase();
  for (const [extension, format] of Object.entries(GRAPH_FORMATS)) if (lower.endsWith(extension)) return format;
  throw new RangeError(`graphFormatOf: no graph format for ${JSON.stringify(path)}`);
}

/**
 * The computation graph of the first training iteration, drawn by @chainrule/autograd: the forward pass from the
 * initial weights to the loss `Σ (y − ŷ)²`, after its backward pass, so each node also shows its gradient's norm.
 * The weights carry the model's parameter names (`hidden.weight`, `output.weight`), the data `X` and `y`.
 */
export function renderGraph(options: TrainOptions, format: GraphFormat): string {
  const { network, inputs, targets } = createProblem(options);
  const loss = sse(network.forward(inputs), targets);
  loss.backward();
  const names: [string, Var][] = [...network.namedParameters(), ['X', inputs], ['y', targets]];
  const text = format === 'dot' ? toDot(loss, { names }) : toMermaid(loss, { names });
  return text.endsWith('\n') ? text : `${text}\n`;
}

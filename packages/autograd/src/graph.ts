import * as T from '@chainrule/tensor';
import { GraphError } from './errors';
import { describe } from './describe';
import { interiorGradients } from './engine/inspect';
import { Var } from './engine/var';

/**
 * Options of `toDot` and `toMermaid`.
 *
 * @example
 * toDot(loss, { names: model.namedParameters() }); // [name, Var] pairs label the weights
 * toMermaid(loss, { names: new Map([[inputs, 'X'], [targets, 'y']]) }); // a Map<Var, string> works too
 */
export interface GraphExportOptions {
  /**
   * Human names shown as the first line of a node's label, above its op and shape: an iterable of `[name, Var]`
   * pairs (what `Module.namedParameters()` of @chainrule/nn returns) or a `Map<Var, string>`. Any node may be
   * named, leaf or not; Vars outside the drawn graph are ignored; a Var named twice keeps its first name.
   */
  names?: Iterable<readonly [string, Var]> | ReadonlyMap<Var, string>;
}

/** Internal: one node of an exported graph. */
export interface GraphNode {
  readonly id: string;
  readonly node: Var;
  /** Text lines: name if given, op, shape, small values, gradient norm once known. */
  readonly lines: readonly string[];
}

/**
 * Internal: checks the options of `toDot`/`toMermaid` (`caller` names which) and returns the node names they give.
 * Anything malformed is a `GraphError` naming the caller, the entry and what was expected.
 */
export function resolveGraphOptions(caller: string, options: unknown): Map<Var, string> {
  const names = new Map<Var, string>();
  if (options === undefined) return names;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GraphError(`${caller}: options must be an object such as { names }; got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'names') throw new GraphError(`${caller}: unknown option ${JSON.stringify(key)}; expected only names`);
  }
  const given: unknown = (options as GraphExportOptions).names;
  if (given === undefined) return names;
  if (!isIterableObject(given)) {
    throw new GraphError(
      `${caller}: options.names must be an iterable of [name, Var] pairs (such as model.namedParameters()) ` +
        `or a Map<Var, string>; got ${describe(given)}`,
    );
  }
  let index = 0;
  for (const entry of given) {
    const where = `${caller}: options.names entry ${index}`;
    if (!Array.isArray(entry) || entry.length !== 2) {
      const got = Array.isArray(entry) ? `an array of length ${entry.length}` : describe(entry);
      throw new GraphError(`${where} must be a [name, Var] pair; got ${got}`);
    }
    // A Map<Var, string> yields [Var, name]; any other iterable (a Map<string, Var> included) yields [name, Var].
    const [name, node]: unknown[] = given instanceof Map && entry[0] instanceof Var ? [entry[1], entry[0]] : entry;
    if (typeof name !== 'string') throw new GraphError(`${where}: the name must be a string; got ${describe(name)}`);
    if (name === '') throw new GraphError(`${where}: the name is empty; expected a non-empty string`);
    if (!(node instanceof Var)) {
      throw new GraphError(`${where} (${JSON.stringify(name)}): expected a Var to name; got ${describe(node)}`);
    }
    if (!names.has(node)) names.set(node, name);
    index++;
  }
  return names;
}

function isIterableObject(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

/**
 * Internal: the graph below `root`, breadth first from the root (ids n0, n1, ... in that order); edges run
 * parent → child. A node found in `names` gets its name as its first text line.
 */
export function collectGraph(
  root: Var,
  names: ReadonlyMap<Var, string> = new Map(),
): { nodes: GraphNode[]; edges: [string, string][] } {
  const ids = new Map<Var, string>([[root, 'n0']]);
  const edges: [string, string][] = [];
  const queue: Var[] = [root];
  for (let next = 0; next < queue.length; next++) {
    const node = queue[next]!;
    const id = ids.get(node)!;
    for (const parent of node.parents) {
      let parentId = ids.get(parent);
      if (parentId === undefined) {
        parentId = `n${ids.size}`;
        ids.set(parent, parentId);
        queue.push(parent);
      }
      edges.push([parentId, id]);
    }
  }
  // Gradient norms are shown once a backward pass reached the graph (a leaf holds a gradient): the leaves' from their
  // `.grad`, the interior nodes' computed now, as the pass computed them.
  const walked = queue.some((node) => node.parents.length === 0 && node.grad !== null);
  const interior = walked ? interiorGradients(root) : new Map<Var, Var>();
  const nodes = queue.map((node): GraphNode => {
    const name = names.get(node);
    const gradient = node.parents.length === 0 ? node.grad : (interior.get(node) ?? null);
    const lines = describeNode(node, gradient);
    return { id: ids.get(node)!, node, lines: name === undefined ? lines : [name, ...lines] };
  });
  return { nodes, edges };
}

function describeNode(node: Var, gradient: Var | null): string[] {
  const kind = node.parents.length > 0 ? node.op : node.requiresGrad ? 'variable' : 'constant';
  const lines = [kind, `shape ${T.formatShape(node.shape)}`];
  if (node.size > 0 && node.size <= 4) {
    const value = node.value.contiguous();
    const values = Array.from(value.data.subarray(value.offset, value.offset + value.size), formatNumber);
    lines.push(`data [${values.join(', ')}]`);
  }
  if (gradient !== null) {
    const norm = Math.sqrt(T.sum(T.square(T.astype(gradient.value, 'float64'))).item());
    if (!Number.isNaN(norm)) lines.push(`grad norm ${formatNumber(norm)}`);
  }
  return lines;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

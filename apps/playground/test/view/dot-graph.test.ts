import { mul, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { toDot } from '@chainrule/autograd';
import { parseDot } from '../../src/view/dot-graph';

describe('parseDot', () => {
  it("reads toDot's output: nodes with their parts, and each edge once", () => {
    const x = variable([3, 4], { dtype: 'float64' });
    const loss = sum(mul(x, x));
    loss.backward();
    const graph = parseDot(toDot(loss, { names: [['x', x]] }));
    expect(graph.nodes).toHaveLength(3);
    const [total, product, leaf] = graph.nodes;
    expect(total).toMatchObject({
      shape: 'box',
      name: null,
      kind: 'sum',
      shapeText: 'shape []',
      data: 'data [25]',
      gradNorm: 1,
    });
    expect(product).toMatchObject({ kind: 'mul', shapeText: 'shape [2]', data: 'data [9, 16]' });
    expect(product!.gradNorm).toBeCloseTo(Math.SQRT2, 3);
    expect(leaf).toMatchObject({ shape: 'ellipse', name: 'x', kind: 'variable', gradNorm: 10 });
    // mul(x, x) reads x twice: toDot writes the edge twice, the picture draws it once.
    expect(graph.edges).toEqual([
      [product!.id, total!.id],
      [leaf!.id, product!.id],
    ]);
  });

  it('reads names with quotes, backslashes and line breaks back as written', () => {
    const x = variable([1], { dtype: 'float64' });
    const graph = parseDot(toDot(sum(x), { names: [['say "hi" \\ there', x]] }));
    expect(graph.nodes[1]!.name).toBe('say "hi" \\ there');
    expect(graph.nodes[1]!.gradNorm).toBeNull(); // no backward yet
  });

  it('fails loudly on a node or edge line it cannot read', () => {
    expect(() => parseDot('digraph g {\n  n0 [label="a"];\n}')).toThrow('cannot read the line');
    expect(() => parseDot('digraph g {\n  n0 -> n1 -> n2;\n}')).toThrow('cannot read the line');
    expect(() => parseDot('digraph g {\n  n0 [shape=box, label="add"];\n}')).toThrow('no "shape ..." line');
    expect(() => parseDot('digraph g {\n  n0 [shape=box, label="add\\nshape [1]"];\n  n1 -> n0;\n}')).toThrow(
      'unknown node',
    );
  });
});

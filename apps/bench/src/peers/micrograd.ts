// NOTE: a shared function, not a fresh arrow per Value: under tsx (esbuild keepNames) a class-field arrow
// costs a `__name` call per construction, which would slow this baseline for reasons outside the algorithm.
function leafBackward(): void {}

/**
 * A scalar autograd engine in the style of Karpathy's micrograd (engine.py), ported faithfully:
 * one `Value` per number, each op attaching its local backward, and a *recursive* topological sort.
 */
export class Value {
  grad = 0;
  backwardStep: () => void = leafBackward;

  constructor(
    public data: number,
    readonly children: readonly Value[] = [],
    readonly op = '',
  ) {}

  /** `out = this + other`. */
  add(other: Value | number): Value {
    const right = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data + right.data, [this, right], '+');
    // ∂out/∂this = ∂out/∂other = 1
    out.backwardStep = () => {
      this.grad += out.grad;
      right.grad += out.grad;
    };
    return out;
  }

  /** `out = this * other`. */
  mul(other: Value | number): Value {
    const right = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data * right.data, [this, right], '*');
    // ∂out/∂this = other, ∂out/∂other = this
    out.backwardStep = () => {
      this.grad += right.data * out.grad;
      right.grad += this.data * out.grad;
    };
    return out;
  }

  /** `out = this ** exponent` for a constant exponent. */
  pow(exponent: number): Value {
    const out = new Value(this.data ** exponent, [this], `**${exponent}`);
    // ∂out/∂this = exponent · this^(exponent − 1)
    out.backwardStep = () => {
      this.grad += exponent * this.data ** (exponent - 1) * out.grad;
    };
    return out;
  }

  /** `out = -this`. */
  neg(): Value {
    return this.mul(-1);
  }

  /** `out = this - other`. */
  sub(other: Value | number): Value {
    return this.add(other instanceof Value ? other.neg() : -other);
  }

  /** Logistic sigmoid `out = 1 / (1 + e^-this)`, a primitive like micrograd's tanh. */
  sigmoid(): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    const out = new Value(s, [this], 'sigmoid');
    // σ' = σ (1 − σ)
    out.backwardStep = () => {
      this.grad += s * (1 - s) * out.grad;
    };
    return out;
  }

  /** micrograd's backward: recursive depth-first topological sort, then the chain rule in reverse order. */
  backward(): void {
    const topo: Value[] = [];
    const visited = new Set<Value>();
    const buildTopo = (node: Value): void => {
      if (visited.has(node)) return;
      visited.add(node);
      for (const child of node.children) buildTopo(child);
      topo.push(node);
    };
    buildTopo(this);
    this.grad = 1;
    for (let index = topo.length - 1; index >= 0; index--) topo[index]!.backwardStep();
  }
}

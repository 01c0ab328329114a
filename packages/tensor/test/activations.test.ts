// Values against references computed in 60-digit arithmetic (mpmath; 2500 digits for the tanh form, whose
// 1 + tanh(u) cancels below x ≈ −8) from the definitions PyTorch documents for
// torch.nn.functional (softplus, logsigmoid, silu, elu, gelu with approximate 'none' and 'tanh') and for torch.sin,
// cos, expm1, then rounded to float64. The script: for each x, e.g. gelu = x·erfc(−x/√2)/2,
// geluTanh = x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³))), geluGrad = Φ(x) + x·φ(x), geluTanhGrad its derivative.
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  type Tensor,
  ValueError,
  clip,
  cos,
  elu,
  erf,
  expm1,
  gelu,
  geluGrad,
  leakyRelu,
  logSigmoid,
  ones,
  silu,
  sin,
  softplus,
  tensor,
  transpose,
} from '@chainrule/tensor';

const f64 = { dtype: 'float64' } as const;
const xs = [-40, -20, -8, -3, -1, -0.5, -1e-8, 0, 1e-8, 0.5, 1, 2, 3, 8, 40];
const reference: Record<string, number[]> = {
  softplus: [
    4.248354255291589e-18,
    2.061153620314381e-9,
    0.00033540637289576885,
    0.04858735157374206,
    0.3132616875182228,
    0.4740769841801067,
    0.6931471755599453,
    Math.LN2,
    0.6931471855599454,
    0.9740769841801067,
    1.3132616875182228,
    2.1269280110429727,
    3.048587351573742,
    8.000335406372896,
    40.0,
  ],
  logSigmoid: [
    -40.0,
    -20.000000002061153,
    -8.000335406372896,
    -3.048587351573742,
    -1.3132616875182228,
    -0.9740769841801067,
    -0.6931471855599454,
    -Math.LN2,
    -0.6931471755599453,
    -0.4740769841801067,
    -0.3132616875182228,
    -0.1269280110429725,
    -0.04858735157374206,
    -0.00033540637289576885,
    -4.248354255291589e-18,
  ],
  silu: [
    -1.6993417021166355e-16, -4.122307236380407e-8, -0.002682801043731825, -0.14227761953270035, -0.2689414213699951,
    -0.18877033439907273, -4.999999975e-9, 0.0, 5.000000025e-9, 0.3112296656009273, 0.7310585786300049,
    1.7615941559557649, 2.8577223804672998, 7.997317198956268, 40.0,
  ],
  gelu: [
    -0.0, -5.507248237212468e-88, -4.976768459417427e-15, -0.0040496940948902835, -0.15865525393145705,
    -0.15426876936299344, -4.999999960105772e-9, 0.0, 5.000000039894228e-9, 0.34573123063700656, 0.8413447460685429,
    1.9544997361036416, 2.99595030590511, 7.999999999999995, 40.0,
  ],
  geluTanh: [
    -0.0, -3.3754509563109673e-261, -3.1077829375011112e-21, -0.003637392081773019, -0.1588080093917233,
    -0.15428599017485609, -4.999999960105772e-9, 0.0, 5.000000039894228e-9, 0.34571400982514394, 0.8411919906082767,
    1.954597694087775, 2.996362607918227, 8.0, 40.0,
  ],
  geluGrad: [
    -0.0, -1.1014360483133464e-86, -3.979607261086796e-14, -0.011945647204183927, -0.0833154705876863,
    0.13250487534383715, 0.4999999920211544, 0.5, 0.5000000079788456, 0.8674951246561629, 1.0833154705876864,
    1.085231801078197, 1.011945647204184, 1.0000000000000397, 1.0,
  ],
  geluTanhGrad: [
    -0.0, -2.9424328724945027e-259, -4.7147845041068414e-20, -0.011584166630969726, -0.08296408384578255,
    0.1326300964653577, 0.4999999920211544, 0.5, 0.5000000079788456, 0.8673699035346423, 1.0829640838457826,
    1.0860992566236183, 1.0115841666309697, 1.0, 1.0,
  ],
  elu: [
    -1.0, -0.9999999979388464, -0.9996645373720975, -0.950212931632136, -0.6321205588285577, -0.3934693402873666,
    -9.99999995e-9, 0.0, 1e-8, 0.5, 1.0, 2.0, 3.0, 8.0, 40.0,
  ],
  expm1: [
    -1.0, -0.9999999979388464, -0.9996645373720975, -0.950212931632136, -0.6321205588285577, -0.3934693402873666,
    -9.99999995e-9, 0.0, 1.000000005e-8, 0.6487212707001282, 1.7182818284590453, 6.38905609893065, 19.085536923187668,
    2979.9579870417283, 2.3538526683702e17,
  ],
  sin: [
    -0.7451131604793488, -0.9129452507276277, -0.9893582466233818, -0.1411200080598672, -0.8414709848078965,
    -0.479425538604203, -1e-8, 0.0, 1e-8, 0.479425538604203, 0.8414709848078965, 0.9092974268256817, 0.1411200080598672,
    0.9893582466233818, 0.7451131604793488,
  ],
  cos: [
    -0.6669380616522619, 0.40808206181339196, -0.14550003380861354, -0.9899924966004454, 0.5403023058681398,
    0.8775825618903728, 1.0, 1.0, 1.0, 0.8775825618903728, 0.5403023058681398, -0.4161468365471424, -0.9899924966004454,
    -0.14550003380861354, -0.6669380616522619,
  ],
};

/** Every element within `rtol` of the reference, relative (an absolute 1e-300 for zeros). */
function expectRelative(actual: Tensor, expected: readonly number[], rtol: number, label: string): void {
  const values = actual.toArray() as number[];
  values.forEach((value, i) => {
    const error = Math.abs(value - expected[i]!);
    expect(error, `${label} at x = ${xs[i]}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(
      rtol * Math.abs(expected[i]!) + 1e-300,
    );
  });
}

const ops: [string, (x: Tensor) => Tensor, number][] = [
  ['softplus', softplus, 4e-16],
  ['logSigmoid', logSigmoid, 4e-16],
  ['silu', silu, 4e-16],
  ['elu', (x) => elu(x), 4e-16],
  ['expm1', expm1, 4e-16],
  ['sin', sin, 4e-16],
  ['cos', cos, 4e-16],
  // erfc is good to ~6e-16 and x/√2 rounds once more, which the tail's steep slope (2·x²/2 = 64 at x = −8, 3200 at
  // x = −40) magnifies; the tanh form's rounded √(2/π) scales u, magnified by |2u| in e^(2u).
  ['gelu', (x) => gelu(x), 5e-13],
  ['geluTanh', (x) => gelu(x, { approximate: 'tanh' }), 5e-13],
  ['geluGrad', (x) => geluGrad(x, ones(x.shape, { dtype: x.dtype })), 5e-13],
  ['geluTanhGrad', (x) => geluGrad(x, ones(x.shape, { dtype: x.dtype }), { approximate: 'tanh' }), 5e-13],
];

describe('element-wise math against 60-digit references (float64)', () => {
  it.each(ops)('%s', (name, op, rtol) => {
    expectRelative(op(tensor(xs, f64)), reference[name]!, rtol, name);
  });

  it('float32 results are the float64 values rounded once (within one float32 ulp)', () => {
    const inputs = [-3, -1, -0.5, 0.5, 1, 2, 3]; // exact in float32, so the references apply
    const at = inputs.map((x) => xs.indexOf(x));
    for (const [name, op] of ops) {
      const out = op(tensor(inputs)).toArray() as number[];
      out.forEach((value, k) => {
        const exact = reference[name]![at[k]!]!;
        expect(Math.abs(value - exact), `${name} at ${inputs[k]}`).toBeLessThanOrEqual(Math.abs(exact) * 2 ** -23);
      });
    }
  });

  it('the tails stay accurate where the textbook forms cancel to 0 (PyTorch gives 0 there)', () => {
    // PyTorch's 0.5·x·(1 + erf(x/√2)) at x = −8.5: erf rounds to −1, so the product is 0; the true value (mpmath) is
    // −8.05760459887282e-17, which x·erfc(−x/√2)/2 keeps.
    const x = -8.5;
    expect(0.5 * x * (1 + erf(tensor([x * Math.SQRT1_2], f64)).item())).toBe(-0);
    const value = gelu(tensor([x], f64)).item();
    expect(Math.abs(value - -8.05760459887282e-17)).toBeLessThan(1e-13 * 8.05760459887282e-17);
    expect(softplus(tensor([-800, 800], f64)).toArray()).toEqual([0, 800]); // no overflow of e^800
    expect(logSigmoid(tensor([-800], f64)).item()).toBe(-800);
    expect(elu(tensor([1e-300], f64)).item()).toBe(1e-300);
    expect(elu(tensor([-1e-300], f64)).item()).toBe(-1e-300); // expm1: no cancellation near 0
  });

  it('infinities give the limits, never NaN; NaN stays NaN', () => {
    const special = tensor([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN], f64);
    expect(softplus(special).toArray()).toEqual([0, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(logSigmoid(special).toArray()).toEqual([Number.NEGATIVE_INFINITY, -0, Number.NaN]);
    expect(silu(special).toArray()).toEqual([-0, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(gelu(special).toArray()).toEqual([-0, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(gelu(special, { approximate: 'tanh' }).toArray()).toEqual([-0, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(geluGrad(special, ones([3], f64)).toArray()).toEqual([0, 1, Number.NaN]);
    expect(geluGrad(special, ones([3], f64), { approximate: 'tanh' }).toArray()).toEqual([0, 1, Number.NaN]);
    expect(elu(special).toArray()).toEqual([-1, Number.POSITIVE_INFINITY, Number.NaN]);
  });
});

describe('parameters: leakyRelu, elu, clip, gelu', () => {
  it('leakyRelu: x for x > 0, slope·x otherwise (0.01 by default)', () => {
    expect(leakyRelu(tensor([-2, -0.5, 0, 3], f64)).toArray()).toEqual([-0.02, -0.005, 0, 3]);
    expect(leakyRelu(tensor([-2, 4], f64), 0.2).toArray()).toEqual([-0.4, 4]);
  });

  it('elu: alpha scales the negative side', () => {
    expect(elu(tensor([-1, 2], f64), 1.5).toArray()).toEqual([1.5 * Math.expm1(-1), 2]);
  });

  it('clip clamps into [min, max], inclusive, one side open with ±Infinity; NaN passes', () => {
    expect(clip(tensor([-3, -1, 0, 1, 3, Number.NaN]), -1, 2).toArray()).toEqual([-1, -1, 0, 1, 2, Number.NaN]);
    expect(clip(tensor([-3, 3]), 0, Number.POSITIVE_INFINITY).toArray()).toEqual([0, 3]);
    expect(
      clip(
        transpose(
          tensor([
            [1, 5],
            [-5, 0],
          ]),
        ),
        0,
        1,
      ).toArray(),
    ).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('bad parameters are ValueErrors; int32 input is a DTypeError', () => {
    expect(() => clip(tensor([1]), 2, 1)).toThrow(ValueError);
    expect(() => clip(tensor([1]), 2, 1)).toThrow(/^clip: expected numbers min <= max/);
    expect(() => clip(tensor([1]), Number.NaN, 1)).toThrow(ValueError);
    expect(() => leakyRelu(tensor([1]), Number.NaN)).toThrow(/^leakyRelu: negativeSlope must be a finite number/);
    expect(() => elu(tensor([1]), '1' as never)).toThrow(/^elu: alpha must be a finite number/);
    expect(() => gelu(tensor([1]), { approximate: 'erf' as never })).toThrow(
      /^gelu: approximate must be 'none' or 'tanh'; got erf/,
    );
    expect(() => geluGrad(tensor([1]), tensor([1]), { approximate: 'fast' as never })).toThrow(ValueError);
    expect(() => softplus(tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => sin(tensor([1], { dtype: 'int32' }))).toThrow(/^sin: got an int32 tensor/);
  });
});

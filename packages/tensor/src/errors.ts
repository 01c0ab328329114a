import { acceptBrand } from './brand';

/**
 * Base class of every typed error thrown by chainrule packages.
 * Messages follow `"<op>: <what is wrong>; got <...>, expected <...>"`.
 */
export class ChainruleError extends Error {
  override name = 'ChainruleError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/tensor.ChainruleError'));
  }
}

/** A shape problem: bad dims, broadcast mismatch, invalid or repeated axis, matmul or reshape size mismatch, ragged arrays, out-of-range slices. */
export class ShapeError extends ChainruleError {
  override name = 'ShapeError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/tensor.ShapeError'));
  }
}

/** A dtype problem: an unknown dtype, or float32 mixed with float64 where one dtype is required. */
export class DTypeError extends ChainruleError {
  override name = 'DTypeError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/tensor.DTypeError'));
  }
}

/** A bad scalar argument: NaN or non-integer counts, a non-finite seed, a non-number where a number is expected. */
export class ValueError extends ChainruleError {
  override name = 'ValueError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/tensor.ValueError'));
  }
}

/**
 * A compiled function did something a replay could not reproduce: it read a tensor's values while being traced
 * (`item`, `toArray`, `data`, ...), or a capture was started inside another.
 */
export class TraceError extends ChainruleError {
  override name = 'TraceError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/tensor.TraceError'));
  }
}

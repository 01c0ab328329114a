import { ChainruleError } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';

/**
 * A model that cannot be exported as it is: an op without an ONNX lowering (`UnsupportedOpError`), a graph that
 * depends on the example's values or batch size, nothing recorded (an export inside `noGrad`), a lowering that
 * misbehaves, or names that clash. The message names the op, the node and the shapes involved.
 */
export class OnnxExportError extends ChainruleError {
  override name = 'OnnxExportError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/onnx.OnnxExportError'));
  }
}

/** An op in the traced graph that has no ONNX lowering, built in or passed in `options.lowerings`. */
export class UnsupportedOpError extends OnnxExportError {
  override name = 'UnsupportedOpError';
  /** The op's name (`Var.op`), e.g. `'dense+sigmoid'`. */
  readonly op: string;

  constructor(message: string, op: string) {
    super(message);
    this.op = op;
  }

  static {
    acceptBrand(this, Symbol.for('@chainrule/onnx.UnsupportedOpError'));
  }
}

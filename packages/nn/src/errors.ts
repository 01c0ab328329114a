import { ChainruleError } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';

/**
 * A state dict that does not fit a module: a missing key, an unexpected key, a tensor of the wrong shape or
 * dtype, or a value that is not a Tensor. The message names every offending key with the shapes involved;
 * the lists below hold the same keys for programs. `stateDictToJSON` and `stateDictFromJSON` throw it too; when
 * `loadStateDict` throws it, the module is left unchanged.
 */
export class StateDictError extends ChainruleError {
  override name = 'StateDictError';
  /** Keys the module has and the dict lacks. */
  readonly missingKeys: readonly string[];
  /** Keys the dict has and the module lacks. */
  readonly unexpectedKeys: readonly string[];
  /** Keys present on both sides whose value has the wrong shape or dtype, or is not a Tensor. */
  readonly mismatchedKeys: readonly string[];

  constructor(
    message: string,
    keys: { missing?: readonly string[]; unexpected?: readonly string[]; mismatched?: readonly string[] } = {},
  ) {
    super(message);
    this.missingKeys = keys.missing ?? [];
    this.unexpectedKeys = keys.unexpected ?? [];
    this.mismatchedKeys = keys.mismatched ?? [];
  }

  static {
    acceptBrand(this, Symbol.for('@chainrule/nn.StateDictError'));
  }
}

/**
 * Bytes that are not a valid safetensors file (truncated, a header length past the end, a header that is not a
 * JSON object, an unknown dtype, a shape that does not match its byte range, overlapping or out-of-range offsets,
 * ...), or a tensor dict that cannot be written as one.
 */
export class SafetensorsError extends ChainruleError {
  override name = 'SafetensorsError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/nn.SafetensorsError'));
  }
}

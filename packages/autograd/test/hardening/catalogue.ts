// autograd's bad-input catalogue helpers are tensor's, taught to see Vars.
import { Var } from '@chainrule/autograd';
import {
  type BadInputCase,
  type CatalogueExtension,
  expectTypedError as expectTensorTypedError,
} from '../../../tensor/test/hardening/catalogue';

export { type BadInputCase, type ErrorClass, bad } from '../../../tensor/test/hardening/catalogue';

/** A Var's value, gradient and requiresGrad (not its graph internals); functions (user backward rules) by kind. */
const seeVars: CatalogueExtension = {
  snapshot: (value, recurse) => {
    if (value instanceof Var) {
      return {
        value: recurse(value.value),
        grad: value.grad === null ? null : recurse(value.grad.value),
        requiresGrad: value.requiresGrad,
      };
    }
    return typeof value === 'function' ? 'function' : undefined;
  },
  describe: (value) => (value instanceof Var ? `a Var of shape [${value.shape.join(',')}]` : undefined),
};

/**
 * Runs one catalogue row: the call must throw an instance of `error` (a ChainruleError, with its class name as
 * `name`) whose message matches, and must leave every argument, Vars included, exactly as it was.
 */
export function expectTypedError(row: BadInputCase): void {
  expectTensorTypedError(row, seeVars);
}

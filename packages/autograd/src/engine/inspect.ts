import * as T from '@chainrule/tensor';
import { setRecording } from './recording';
import { Var, accumulate } from './var';
import { inputsUnchanged, walk } from './walk';

/**
 * Internal (for drawing a graph): ∂root/∂node for every interior node below a size-1 `root`, computed now, without
 * recording and without touching any `.grad`. Released graphs are walked too: release forbids a second backward pass
 * but keeps every value and rule, so the gradients a pass computed can be computed again to be shown. A graph whose
 * inputs were assigned since (an optimizer step) gives none: they would be gradients at other values.
 */
export function interiorGradients(root: Var): Map<Var, Var> {
  const found = new Map<Var, Var>();
  if (root.size !== 1 || !root.requiresGrad || root.parents.length === 0) return found;
  const previous = setRecording(false);
  try {
    if (!inputsUnchanged(root)) return found;
    const options = {
      accumulate,
      include: null,
      allowReleased: true,
      visit: (node: Var, grad: Var) => found.set(node, grad),
    };
    walk(root, new Var(T.onesLike(root.value)), options, []);
  } finally {
    setRecording(previous);
  }
  return found;
}

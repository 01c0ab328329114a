import * as T from '@chainrule/tensor';
import { setRecording } from './recording';
import { Var, accumulate } from './var';
import { walk } from './walk';

/**
 * Internal (for drawing a graph): ∂root/∂node for every interior node below a size-1 `root`, computed now, without
 * recording and without touching any `.grad`. Released graphs are walked too: release forbids a second backward pass
 * but keeps every value and rule, so the gradients a pass computed can be computed again to be shown.
 */
export function interiorGradients(root: Var): Map<Var, Var> {
  const found = new Map<Var, Var>();
  if (root.size !== 1 || !root.requiresGrad || root.parents.length === 0) return found;
  const previous = setRecording(false);
  try {
    walk(root, new Var(T.onesLike(root.value)), {
      accumulate,
      include: null,
      allowReleased: true,
      visit: (node, grad) => {
        if (node.parents.length > 0) found.set(node, grad);
      },
    });
  } finally {
    setRecording(previous);
  }
  return found;
}

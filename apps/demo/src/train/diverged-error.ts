import { formatCount } from '../render/format';

/**
 * Training stopped because a number it depends on stopped being finite: the loss, or a weight after an update,
 * became NaN or ±Infinity (a learning rate too large for the problem, or a value beyond the dtype's range).
 */
export class TrainingDivergedError extends Error {
  override name = 'TrainingDivergedError';

  constructor(
    /** The iteration (1-based) at which the non-finite value appeared. */
    readonly iteration: number,
    /** Iterations the run was asked for. */
    readonly iterations: number,
    /** What became non-finite: `the loss`, or a parameter's name (`hidden.weight`). */
    readonly quantity: string,
    /** How: `NaN` or `infinite`. */
    readonly kind: 'NaN' | 'infinite',
  ) {
    super(
      `training diverged at iteration ${formatCount(iteration)} of ${formatCount(iterations)}: ${quantity} became ${kind}`,
    );
  }
}

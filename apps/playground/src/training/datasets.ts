import { Rng } from '@chainrule/tensor';
import { type ProblemName, splitSizes } from '../settings/settings';

/** Rows of a data set, row-major: `inputs` has `count × features` numbers, `targets` one 0/1 label per row. */
export interface Rows {
  readonly count: number;
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
}

/** A problem's data: training rows, test rows (none for the tutorial) and the square drawn by the heat map. */
export interface Dataset {
  readonly problem: ProblemName;
  /** Input columns: 2 for the 2-D sets, 3 for the tutorial (x1, x2 and a constant 1). */
  readonly features: number;
  readonly train: Rows;
  readonly test: Rows;
  /** The heat map spans `[low, high]` on both axes. */
  readonly domain: readonly [number, number];
}

/** The tutorial's inputs: two bits and a constant 1 that plays the bias (its network has none). */
export const TUTORIAL_INPUTS = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
];
/** The tutorial's targets: x1 XOR x2. */
export const TUTORIAL_TARGETS = [0, 1, 1, 0];

/** One labelled 2-D point. */
export interface Point {
  x1: number;
  x2: number;
  label: 0 | 1;
}

/** Radius of the region the 2-D sets fill; the heat map shows [-1, 1]². */
const RADIUS = 0.8;

/**
 * Builds a problem's data from a seed: the same arguments give the same rows. The 2-D sets are drawn by
 * `generatePoints`, shuffled and split into `trainPercent`% training rows and the rest for testing.
 */
export function makeDataset(
  problem: ProblemName,
  options: { points: number; noise: number; trainPercent: number; seed: number },
): Dataset {
  if (problem === 'tutorial') {
    const inputs = Float64Array.from(TUTORIAL_INPUTS.flat());
    const train = { count: 4, inputs, targets: Float64Array.from(TUTORIAL_TARGETS) };
    return { problem, features: 3, train, test: emptyRows(), domain: [-0.25, 1.25] };
  }
  const rng = new Rng(options.seed);
  const points = generatePoints(problem, options.points, options.noise / 100, rng);
  shuffle(points, rng);
  const { train } = splitSizes(points.length, options.trainPercent);
  return {
    problem,
    features: 2,
    train: toRows(points.slice(0, train)),
    test: toRows(points.slice(train)),
    domain: [-1, 1],
  };
}

/**
 * `count` points of a 2-D set, half of each label, in the order drawn. `noise` (0 to 0.5) moves each point by a
 * uniform offset, so the classes overlap more as it grows (the scales follow TensorFlow Playground's sets).
 */
export function generatePoints(
  problem: Exclude<ProblemName, 'tutorial'>,
  count: number,
  noise: number,
  rng: Rng,
): Point[] {
  const points: Point[] = [];
  const uniform = (low: number, high: number) => low + (high - low) * rng.nextFloat();
  const half = Math.floor(count / 2);
  for (let index = 0; index < count; index++) {
    const label: 0 | 1 = index < half ? 1 : 0;
    const within = label === 1 ? index : index - half; // position within its class
    const classSize = label === 1 ? half : count - half;
    let x1: number;
    let x2: number;
    let shift: number;
    if (problem === 'circle') {
      // Label 1 inside half the radius, label 0 on a ring from 0.7 to 1 of it.
      const radius = label === 1 ? uniform(0, 0.5 * RADIUS) : uniform(0.7 * RADIUS, RADIUS);
      const angle = uniform(0, 2 * Math.PI);
      x1 = radius * Math.sin(angle);
      x2 = radius * Math.cos(angle);
      shift = RADIUS * noise;
    } else if (problem === 'xor') {
      // Label 1 where x1·x2 > 0 (first and third quadrants), kept a little off the axes.
      const padding = 0.04 * RADIUS;
      const a = uniform(padding, RADIUS) * (rng.nextFloat() < 0.5 ? -1 : 1);
      const b = uniform(padding, RADIUS) * (rng.nextFloat() < 0.5 ? -1 : 1);
      x1 = a;
      x2 = label === 1 ? Math.sign(a) * Math.abs(b) : -Math.sign(a) * Math.abs(b);
      shift = RADIUS * noise;
    } else if (problem === 'gaussians') {
      // Two round clouds, label 1 around (0.4, 0.4)·R and label 0 around (−0.4, −0.4)·R; noise widens them.
      const centre = (label === 1 ? 0.4 : -0.4) * RADIUS;
      const spread = RADIUS * (0.14 + 0.52 * noise);
      const [g1, g2] = rng.normal([2], 0, 1, { dtype: 'float64' }).data;
      x1 = centre + spread * g1!;
      x2 = centre + spread * g2!;
      shift = 0;
    } else {
      // Two interleaved spiral arms of 1.75 turns, the second rotated by half a turn.
      const fraction = within / classSize;
      const radius = fraction * RADIUS;
      const angle = 1.75 * fraction * 2 * Math.PI + (label === 1 ? 0 : Math.PI);
      x1 = radius * Math.sin(angle);
      x2 = radius * Math.cos(angle);
      shift = 0.2 * RADIUS * noise;
    }
    if (shift > 0) {
      x1 += uniform(-shift, shift);
      x2 += uniform(-shift, shift);
    }
    points.push({ x1, x2, label });
  }
  return points;
}

/** Fisher–Yates shuffle in place, drawing from `rng`. */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(rng.nextFloat() * (index + 1));
    const kept = items[index]!;
    items[index] = items[other]!;
    items[other] = kept;
  }
  return items;
}

function toRows(points: readonly Point[]): Rows {
  const inputs = new Float64Array(points.length * 2);
  const targets = new Float64Array(points.length);
  points.forEach((point, index) => {
    inputs[2 * index] = point.x1;
    inputs[2 * index + 1] = point.x2;
    targets[index] = point.label;
  });
  return { count: points.length, inputs, targets };
}

function emptyRows(): Rows {
  return { count: 0, inputs: new Float64Array(0), targets: new Float64Array(0) };
}

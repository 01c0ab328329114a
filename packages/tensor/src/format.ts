import type { DType } from './dtype';
import { type Shape, formatShape } from './shape';

/** The parts of a tensor the formatter reads (kept structural so this module does not import the Tensor class). */
interface Formattable {
  readonly data: ArrayLike<number>;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  readonly size: number;
}

/**
 * Tensors with more elements than this are summarised with `...` (NumPy's default threshold), and a summary shows at
 * most this many elements, whatever the shape.
 */
const SUMMARY_THRESHOLD = 1000;
/** Elements kept at each end of a summarised axis (NumPy's `edgeitems`). */
const EDGE_ITEMS = 3;
/** Rows of the innermost axis wrap beyond this many characters (NumPy's `linewidth`). */
const LINE_WIDTH = 75;
/** At most this many digits after the decimal point (NumPy's `precision`); fewer when a shorter decimal is exact. */
const PRECISION = 8;
const PREFIX = 'tensor(';
const ELLIPSIS = -1;

/**
 * NumPy-like text for a tensor: `tensor([[1, 2],\n        [3, 4]], shape=[2,2], dtype=float32)`.
 * Each value gets the shortest decimal that reads back to the same number in the tensor's dtype (so a float32 `0.1`
 * prints as `0.1`), capped at 8 digits after the point like NumPy; decimal points line up; very large or small magnitudes switch every value to scientific notation.
 * More than 1000 elements are summarised with `...`: 3 items at each end of each axis longer than 6, as NumPy does,
 * then, while more than 1000 elements would still show, outer axes down to their first and last item, then to their
 * first; so the text stays short for any shape. An empty tensor prints as `tensor([], shape=[2,0], ...)`.
 */
export function formatTensor(t: Formattable): string {
  const tail = `shape=${formatShape(t.shape)}, dtype=${t.dtype})`;
  if (t.size === 0) return `${PREFIX}[], ${tail}`;
  const shown = t.size > SUMMARY_THRESHOLD ? summaryPlan(t.shape) : null;
  const values: number[] = [];
  collect(t, 0, t.offset, shown, values);
  const cells = formatCells(values, t.dtype);
  const body = render(t, 0, t.offset, shown, PREFIX.length, cells, { next: 0 });
  return `${PREFIX}${body}, ${tail}`;
}

/** How many items a summary keeps at each end of each axis (`head[a] + tail[a] >= dim` means all of them). */
interface SummaryPlan {
  head: number[];
  tail: number[];
}

// NOTE: NumPy elides only axes longer than 2·edgeitems, so a tensor whose axes are all short (2^28 elements as 28
// axes of 2) would print in full. Narrowing outer axes first keeps the rows of the innermost axes readable.
function summaryPlan(shape: readonly number[]): SummaryPlan {
  const rank = shape.length;
  const head: number[] = shape.map((dim) => (dim > 2 * EDGE_ITEMS ? EDGE_ITEMS : dim));
  const tail: number[] = shape.map((dim) => (dim > 2 * EDGE_ITEMS ? EDGE_ITEMS : 0));
  const count = (): number => {
    let product = 1;
    for (let axis = 0; axis < rank; axis++) product *= Math.min(shape[axis]!, head[axis]! + tail[axis]!);
    return product;
  };
  for (const [keepHead, keepTail] of [
    [1, 1],
    [1, 0],
  ] as const) {
    for (let axis = 0; axis < rank && count() > SUMMARY_THRESHOLD; axis++) {
      if (head[axis]! + tail[axis]! > keepHead + keepTail) {
        head[axis] = keepHead;
        tail[axis] = keepTail;
      }
    }
  }
  return { head, tail };
}

function shownIndices(dim: number, axis: number, plan: SummaryPlan | null): number[] {
  const indices: number[] = [];
  const head = plan === null ? dim : plan.head[axis]!;
  const tail = plan === null ? 0 : plan.tail[axis]!;
  if (head + tail < dim) {
    for (let i = 0; i < head; i++) indices.push(i);
    indices.push(ELLIPSIS);
    for (let i = dim - tail; i < dim; i++) indices.push(i);
  } else {
    for (let i = 0; i < dim; i++) indices.push(i);
  }
  return indices;
}

function collect(t: Formattable, axis: number, position: number, plan: SummaryPlan | null, values: number[]): void {
  if (axis === t.shape.length) {
    values.push(t.data[position]!);
    return;
  }
  for (const i of shownIndices(t.shape[axis]!, axis, plan)) {
    if (i !== ELLIPSIS) collect(t, axis + 1, position + i * t.strides[axis]!, plan, values);
  }
}

function render(
  t: Formattable,
  axis: number,
  position: number,
  plan: SummaryPlan | null,
  column: number,
  cells: readonly string[],
  cursor: { next: number },
): string {
  const rank = t.shape.length;
  if (axis === rank) return cells[cursor.next++]!;
  const indices = shownIndices(t.shape[axis]!, axis, plan);
  if (indices.length === 0) return '[]';
  const stride = t.strides[axis]!;
  if (axis === rank - 1) {
    const start = column + 1;
    let text = '[';
    let lineLength = start;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const item = i === ELLIPSIS ? '...' : cells[cursor.next++]!;
      if (k > 0) {
        if (lineLength + 2 + item.length + 1 > LINE_WIDTH) {
          text += `,\n${' '.repeat(start)}`;
          lineLength = start;
        } else {
          text += ', ';
          lineLength += 2;
        }
      }
      text += item;
      lineLength += item.length;
    }
    return `${text}]`;
  }
  const separator = `,\n${'\n'.repeat(rank - axis - 2)}${' '.repeat(column + 1)}`;
  const parts: string[] = [];
  for (const i of indices) {
    parts.push(i === ELLIPSIS ? '...' : render(t, axis + 1, position + i * stride, plan, column + 1, cells, cursor));
  }
  return `[${parts.join(separator)}]`;
}

/** Shortest significant-digit count (up to the dtype's maximum) whose decimal reads back to `value`. */
function shortestDigits(value: number, dtype: DType, exponential: boolean): number {
  const maxDigits = dtype === 'float32' ? 9 : 17;
  for (let digits = 1; digits < maxDigits; digits++) {
    const text = exponential ? value.toExponential(digits - 1) : value.toPrecision(digits);
    const back = Number(text);
    if ((dtype === 'float32' ? Math.fround(back) : back) === value) return digits;
  }
  return maxDigits;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

/** The text of every collected value, padded to a common width (decimal points aligned in positional notation). */
function formatCells(values: readonly number[], dtype: DType): string[] {
  let allIntegers = true;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const magnitude = Math.abs(value);
    if (!Number.isInteger(value)) allIntegers = false;
    if (magnitude > maxAbs) maxAbs = magnitude;
    if (magnitude !== 0 && magnitude < minAbs) minAbs = magnitude;
  }
  let texts: string[];
  if (allIntegers && maxAbs < 1e16) {
    texts = values.map((value) =>
      Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : nonFinite(value),
    );
    return alignRight(texts);
  }
  if (maxAbs >= 1e8 || minAbs < 1e-4) {
    let digits = 1;
    for (const value of values) {
      if (Number.isFinite(value)) digits = Math.max(digits, shortestDigits(value, dtype, true));
    }
    digits = Math.min(digits, PRECISION + 1);
    // Exponents get at least two digits (`1e-07`), as in NumPy, so that columns line up.
    texts = values.map((value) =>
      Number.isFinite(value) ? value.toExponential(digits - 1).replace(/e([+-])(\d)$/, 'e$10$2') : nonFinite(value),
    );
    return alignRight(texts);
  }
  texts = values.map((value) => {
    if (!Number.isFinite(value)) return nonFinite(value);
    let text = String(Number(value.toPrecision(shortestDigits(value, dtype, false))));
    const dot = text.indexOf('.');
    if (dot < 0) return `${text}.`;
    if (text.length - dot - 1 > PRECISION) text = value.toFixed(PRECISION).replace(/0+$/, '');
    return text;
  });
  let intWidth = 0;
  let fracWidth = 0;
  for (const text of texts) {
    const dot = text.indexOf('.');
    if (dot < 0) continue;
    intWidth = Math.max(intWidth, dot);
    fracWidth = Math.max(fracWidth, text.length - dot - 1);
  }
  const width = intWidth + 1 + fracWidth;
  return alignRight(
    texts.map((text) => {
      const dot = text.indexOf('.');
      return dot < 0 ? text : text.padStart(text.length + intWidth - dot).padEnd(width);
    }),
  );
}

function alignRight(texts: readonly string[]): string[] {
  let width = 0;
  for (const text of texts) width = Math.max(width, text.length);
  return texts.map((text) => text.padStart(width));
}

/** Where a safetensors header writes a number that the format reads as an unsigned integer, but not as one. */
export interface NonIntegerLiteral {
  /** The tensor entry's name. */
  readonly name: string;
  /** `shape` or `data_offsets`. */
  readonly field: string;
  /** The number as written, e.g. `1.0`, `4e0` or `-0`. */
  readonly literal: string;
}

const INTEGER_FIELDS: ReadonlySet<string> = new Set(['shape', 'data_offsets']);
const PLAIN_INTEGER = /^(?:0|[1-9][0-9]*)$/;
const NUMBER_START = /[0-9-]/;
const NUMBER_CHARACTER = /[0-9eE.+-]/;

interface Frame {
  readonly array: boolean;
  key: string | null;
}

/**
 * The first number inside a tensor entry's `shape` or `data_offsets` that is not written as a plain unsigned integer.
 * NOTE: the reference implementation reads those as Rust `usize`, so `1.0`, `4e0` or `-0` there is an error, although
 * `JSON.parse` reads them as the integers 1, 4 and 0; only the header's text tells them apart. The text must already
 * be valid JSON (this is a single loop over its characters, with no recursion, so no nesting can overflow the stack).
 */
export function findNonIntegerLiteral(text: string): NonIntegerLiteral | null {
  const stack: Frame[] = [];
  let pendingKey: string | null = null;
  let i = 0;
  while (i < text.length) {
    const character = text[i]!;
    if (character === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && top.key === null)
        pendingKey = JSON.parse(text.slice(i, end + 1)) as string;
      i = end + 1;
    } else if (character === ':') {
      stack[stack.length - 1]!.key = pendingKey;
      i++;
    } else if (character === ',') {
      const top = stack[stack.length - 1]!;
      if (!top.array) top.key = null;
      i++;
    } else if (character === '{' || character === '[') {
      stack.push({ array: character === '[', key: null });
      i++;
    } else if (character === '}' || character === ']') {
      stack.pop();
      i++;
    } else if (NUMBER_START.test(character)) {
      let end = i;
      while (end < text.length && NUMBER_CHARACTER.test(text[end]!)) end++;
      const literal = text.slice(i, end);
      const [header, entry, list] = stack;
      if (
        stack.length === 3 &&
        list!.array &&
        !PLAIN_INTEGER.test(literal) &&
        header!.key !== '__metadata__' &&
        INTEGER_FIELDS.has(entry!.key ?? '')
      ) {
        return { name: header!.key!, field: entry!.key!, literal };
      }
      i = end;
    } else {
      i++;
    }
  }
  return null;
}

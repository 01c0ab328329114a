/**
 * Internal: a frozen copy of an array attribute, taken once when an op is called, so that a caller who reuses
 * and mutates the array afterwards cannot change what the backward rule reads. Anything that is not an array
 * (a number, `undefined`, a bad value) is passed through unchanged for the forward to validate.
 */
export function ownedArray<Value>(value: Value): Value {
  if (!Array.isArray(value)) return value;
  return Object.freeze(value.slice()) as Value;
}

/** Internal: `ownedArray` one level deeper, for attributes that are lists of arrays (a `pad` padding). */
export function ownedNestedArray<Value>(value: Value): Value {
  if (!Array.isArray(value)) return value;
  return Object.freeze(value.map((entry: unknown) => ownedArray(entry))) as Value;
}

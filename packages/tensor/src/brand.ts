// One program can load both builds of a package (ESM and CommonJS) and then holds two copies of each class, e.g. when
// it `require`s @chainrule/tensor while @chainrule/autograd's ESM build imports the ESM one. The classes that other
// packages (and users) test with `instanceof` therefore carry a brand registered through `Symbol.for`, which both
// builds share, so each build's class recognizes the other's instances. This is the one place of that mechanism:
// @chainrule/autograd and @chainrule/nn (and packages of your own that define classes) use these exports.

/** True when `value` carries `brand`, i.e. is an instance (from either build) of the class branded with it. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * A stand-in constructor sharing `cls.prototype` but not its `instanceof` hook: `value instanceof stand-in` is the
 * engine's plain prototype test. The hot paths test `value instanceof standIn || hasBrand(value, brand)`.
 *
 * NOTE: `instanceof cls` itself goes through the hook that `acceptBrand` installs, which V8 inlines but which still
 * costs the reference network about 7% over the ~40 tests of each training step; the stand-in costs nothing more
 * than before, and the brand is read only when the prototype test fails.
 */
export function prototypeTest<Instance>(cls: abstract new (...args: never[]) => Instance): abstract new () => Instance {
  // NOTE: a `function`, not an arrow: V8's fast `instanceof` needs a constructor's prototype slot, and an arrow
  // function's `prototype` is a plain property (instanceof through one was ~30% of a training step).
  // biome-ignore lint/complexity/useArrowFunction: see the NOTE above
  const standIn = function (): void {};
  standIn.prototype = cls.prototype;
  return standIn as unknown as abstract new () => Instance;
}

/**
 * Brands `cls.prototype` with `brand` and makes `value instanceof cls` true for any object carrying that brand, for
 * `cls` itself only: a subclass keeps the plain prototype test, so `instanceof` a subclass is never widened.
 * Call it from the class's static block.
 */
export function acceptBrand(cls: abstract new (...args: never[]) => unknown, brand: symbol): void {
  Object.defineProperty(cls.prototype, brand, { value: true });
  // NOTE: a read-only property, not a static method, and `Function.prototype[Symbol.hasInstance]` read in place (not
  // from a variable): only then does V8 inline it into each `instanceof`, at native speed; otherwise each test costs
  // 5-10 ns more. The prototype test runs first and decides the common case; the brand is read only when it fails.
  Object.defineProperty(cls, Symbol.hasInstance, {
    value: function hasInstance(this: unknown, value: unknown): boolean {
      return Function.prototype[Symbol.hasInstance].call(this, value) || (this === cls && hasBrand(value, brand));
    },
  });
}

/** Brand of `Tensor` instances. */
export const tensorBrand = Symbol.for('@chainrule/tensor.Tensor');
/** Brand of `Rng` instances. */
export const rngBrand = Symbol.for('@chainrule/tensor.Rng');

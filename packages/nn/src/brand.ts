// Brands of nn's base classes, so `instanceof Parameter` / `instanceof Module` also accept instances made by this
// package's other build (ESM or CommonJS). The mechanism is `acceptBrand` from @chainrule/tensor.

/** Brand of `Parameter` instances. */
export const parameterBrand = Symbol.for('@chainrule/nn.Parameter');
/** Brand of `ModuleBuffer` instances. */
export const bufferBrand = Symbol.for('@chainrule/nn.ModuleBuffer');
/** Brand of `Module` instances. */
export const moduleBrand = Symbol.for('@chainrule/nn.Module');
/** Key of a module's training flag: a symbol (shared by both builds), so the field walk never sees it. */
export const trainingKey: unique symbol = Symbol.for('@chainrule/nn.training') as never;

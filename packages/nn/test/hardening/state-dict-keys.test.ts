// Parameter names that are special as JavaScript property keys: a field named `__proto__` must not vanish from
// stateDict() (a plain assignment would set the dict's prototype instead); it round-trips through loadStateDict, and
// the file formats, which refuse the name, say so with a typed error rather than writing a file without it.
import { describe, expect, it } from 'vitest';
import type { Var } from '@chainrule/autograd';
import { Module, Parameter, SafetensorsError, StateDictError, saveSafetensors, stateDictToJSON } from '@chainrule/nn';
import { tensor } from '@chainrule/tensor';

class Odd extends Module {
  readonly weight = new Parameter([1, 2]);

  constructor() {
    super();
    Object.defineProperty(this, '__proto__', {
      value: new Parameter([3]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  forward(): Var {
    return this.weight;
  }
}

describe('a parameter field named __proto__', () => {
  it('is in stateDict() as an own key, and the dict keeps its ordinary prototype', () => {
    const dict = new Odd().stateDict();
    expect(Object.keys(dict)).toEqual(['weight', '__proto__']);
    expect(Object.hasOwn(dict, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(dict, '__proto__')?.value.toArray()).toEqual([3]);
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
  });

  it('round-trips through loadStateDict', () => {
    const source = new Odd();
    (Object.getOwnPropertyDescriptor(source, '__proto__')!.value as Parameter).value = tensor([7]);
    const target = new Odd();
    target.loadStateDict(source.stateDict());
    expect((Object.getOwnPropertyDescriptor(target, '__proto__')!.value as Parameter).value.toArray()).toEqual([7]);
  });

  it('is refused by the file formats with a typed error naming it, not silently left out', () => {
    const dict = new Odd().stateDict();
    expect(() => saveSafetensors(dict)).toThrow(SafetensorsError);
    expect(() => saveSafetensors(dict)).toThrow(/tensor name '__proto__' is not allowed/);
    expect(() => stateDictToJSON(dict)).toThrow(StateDictError);
  });
});

import type { Implementation } from '../../harness/types';
import type { MatmulProblem } from './problem';

/** The WebAssembly.Memory constructor (its type is not in this project's libs: ES2022 and Node's). */
const { Memory } = (
  globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } } }
).WebAssembly;

/** Name of the implementation that makes only the copies. */
export const COPIES_ALONE = 'the copies alone (A and B in, C out)';

/**
 * The copies chainrule's WebAssembly path makes around an n×n float32 product, alone: A and B into a
 * WebAssembly memory (one `set` each), C out of it into a fresh array. The memory is made once, before the first
 * run, as chainrule's is grown by its first product. The result is A read back, so the check can tell the copy is real.
 */
export function copiesAlone(problem: MatmulProblem): Implementation {
  let heap: Float32Array | undefined;
  return {
    name: COPIES_ALONE,
    kind: 'baseline',
    prepare: () => {
      const { n, a, b } = problem;
      const entries = n * n;
      // One memory for every run, so that its pages are touched already, as chainrule's are after its first product.
      heap ??= new Float32Array(new Memory({ initial: Math.ceil((3 * entries * 4) / 65536) }).buffer);
      const memory = heap;
      let out = new Float32Array(0);
      return {
        run: () => {
          memory.set(a, 0);
          memory.set(b, entries);
          out = new Float32Array(entries);
          out.set(memory.subarray(2 * entries, 3 * entries));
        },
        result: () => (out.length === entries ? memory.subarray(0, entries) : []),
      };
    },
  };
}

import * as T from '@chainrule/tensor';
import { Rng, TraceError, tensor } from '@chainrule/tensor';
import { beginCapture, endCapture } from '@chainrule/tensor/internal';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(() => endCapture());

/** Runs `ops` under a capture on `input`, then writes `next` into the input's buffer and replays. */
function replayOn(
  input: T.Tensor,
  next: number[],
  ops: (x: T.Tensor) => T.Tensor,
): { traced: number[]; replayed: number[]; eager: number[] } {
  const capture = beginCapture('test');
  const out = ops(input);
  endCapture();
  const traced = [...(out.contiguous().toArray() as number[]).flat(3)] as number[];
  input.storage.set(next);
  capture.replay();
  const replayed = [...(out.toArray() as number[]).flat(3)] as number[];
  const eager = [
    ...(ops(tensor(next, { dtype: input.dtype, shape: input.shape })).toArray() as number[]).flat(3),
  ] as number[];
  return { traced, replayed, eager };
}

describe('capture and replay', () => {
  it.each(['float32', 'float64'] as const)(
    'replays element-wise, broadcasting, reduction, matmul and copies on new values (%s)',
    (dtype) => {
      const input = tensor([1, 2, 3, 4, 5, 6], { dtype, shape: [2, 3] });
      const ops = (x: T.Tensor) => {
        const row = T.sum(x, 0, true); // [1,3]
        const scaled = T.mul(T.sigmoid(x), row); // a row broadcast
        const product = T.matmul(scaled, T.transpose(x)); // [2,2], a transposed view read in place
        const moved = T.transpose(product).contiguous(); // a strided copy
        return T.add(T.where(T.greater(moved, 3), moved, 0), T.mean(x));
      };
      const { replayed, eager } = replayOn(input, [6, -5, 4, -3, 2, -1], ops);
      expect(replayed).toEqual(eager);
    },
  );

  it.each(['float32', 'float64'] as const)(
    'replays a product large enough for WebAssembly, 2-D and batched (%s)',
    (dtype) => {
      const input = new Rng(5).uniform([2, 16, 16], -1, 1, { dtype });
      const weight = new Rng(6).uniform([16, 16], -1, 1, { dtype });
      const ops = (x: T.Tensor) => T.add(T.matmul(x, weight), T.matmul(x, T.transpose(weight)));
      const next = Array.from(new Rng(7).uniform([512], -1, 1, { dtype }).toArray() as number[]);
      const { replayed, eager } = replayOn(input, next, ops);
      expect(replayed).toEqual(eager);
    },
  );

  it('records a scalar operand in a buffer of its own (the shared scratch would change)', () => {
    const input = tensor([1, 2], { dtype: 'float64' });
    const capture = beginCapture('test');
    const out = T.mul(input, 3);
    endCapture();
    T.mul(input, 5); // an eager op after the capture, reusing the scratch buffer
    capture.replay();
    expect(out.toArray()).toEqual([3, 6]);
  });

  it('a random fill draws again at every replay, continuing the generator', () => {
    const rng = new Rng(3);
    const twin = new Rng(3);
    const capture = beginCapture('test');
    const out = rng.uniform([4], 0, 1, { dtype: 'float64' });
    endCapture();
    expect(out.toArray()).toEqual(twin.uniform([4], 0, 1, { dtype: 'float64' }).toArray());
    capture.replay();
    expect(out.toArray()).toEqual(twin.uniform([4], 0, 1, { dtype: 'float64' }).toArray());
  });

  it("an Rng's state dict taken while capturing is written again at every replay; a loaded state is drawn from", () => {
    const rng = new Rng(3);
    const twin = new Rng(3);
    const capture = beginCapture('test');
    const out = rng.uniform([2], 0, 1, { dtype: 'float64' });
    const { state } = rng.stateDict();
    endCapture();
    twin.uniform([2], 0, 1, { dtype: 'float64' });
    const start = twin.stateDict();
    twin.uniform([2], 0, 1, { dtype: 'float64' });
    capture.replay();
    expect(state!.toArray()).toEqual(twin.stateDict().state!.toArray());
    rng.loadStateDict(start); // back two draws: the next replay draws what the second call drew
    twin.loadStateDict(start);
    capture.replay();
    expect(out.toArray()).toEqual(twin.uniform([2], 0, 1, { dtype: 'float64' }).toArray());
  });

  it('a read while capturing is a TraceError naming the read; captures do not nest', () => {
    const x = tensor([1, 2]);
    beginCapture('test');
    for (const [name, read] of [
      ['item', () => T.sum(x).item()],
      ['toArray', () => x.toArray()],
      ['data', () => x.data],
      ['get', () => x.get(0)],
      ['toString', () => x.toString()],
      ['allClose', () => T.allClose(x, x)],
      ['allFinite', () => T.allFinite(x)],
    ] as const) {
      expect(read).toThrow(TraceError);
      expect(read).toThrow(new RegExp(`^test: ${name} read a tensor's values while tracing`));
    }
    expect(() => beginCapture('again')).toThrow(/^again: a capture is already running/);
    endCapture();
    expect(x.toArray()).toEqual([1, 2]);
  });
});

describe('replays of many launches and of several captures', () => {
  it('a capture of a launch per row replays every launch, in order', () => {
    // The transpose of a [3, 150] tensor is a [150, 3] view with rows 150 apart: the sigmoid launches once per row.
    const input = new Rng(1).uniform([3, 150], -2, 2, { dtype: 'float64' });
    const ops = (x: T.Tensor) => T.mul(T.sigmoid(T.transpose(x)), 2);
    const capture = beginCapture('test');
    const out = ops(input);
    endCapture();
    expect(capture.length).toBeGreaterThan(150);
    const next = new Rng(2).uniform([3, 150], -2, 2, { dtype: 'float64' });
    input.storage.set(next.storage);
    capture.replay();
    expect(out.toArray()).toEqual(ops(next).toArray());
  });

  it('captures of the same launches replay their own buffers', () => {
    const first = tensor([1, 2, 3], { dtype: 'float32' });
    const second = tensor([4, 5, 6], { dtype: 'float32' });
    const ops = (x: T.Tensor) => T.add(T.square(x), x);
    const captureFirst = beginCapture('test');
    const outFirst = ops(first);
    endCapture();
    const captureSecond = beginCapture('test');
    const outSecond = ops(second);
    endCapture();
    first.storage.set([-1, 0, 1]);
    second.storage.set([10, 20, 30]);
    captureFirst.replay();
    expect(outFirst.toArray()).toEqual([0, 0, 2]);
    expect(outSecond.toArray()).toEqual([20, 30, 42]); // not replayed yet: still the traced values
    captureSecond.replay();
    expect(outSecond.toArray()).toEqual([110, 420, 930]);
    expect(outFirst.toArray()).toEqual([0, 0, 2]);
  });
});

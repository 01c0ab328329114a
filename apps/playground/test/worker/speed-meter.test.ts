import { describe, expect, it } from 'vitest';
import { SpeedMeter } from '../../src/worker/speed-meter';

describe('SpeedMeter', () => {
  it('measures steps per second over the samples of the last second', () => {
    const meter = new SpeedMeter(1000);
    meter.restart(0, 0);
    expect(meter.perSecond()).toBe(0);
    meter.sample(100, 100);
    expect(meter.perSecond()).toBe(1000);
    for (let time = 200; time <= 3000; time += 100)
      meter.sample(time < 2000 ? time * 10 : 20_000 + (time - 2000) * 2, time);
    // From 2 s on the rate fell to 2 steps per millisecond; the window holds only the last second.
    expect(meter.perSecond()).toBeCloseTo(2000, 6);
  });

  it('starts afresh after a restart', () => {
    const meter = new SpeedMeter(1000);
    meter.restart(0, 0);
    meter.sample(5000, 500);
    meter.restart(5000, 10_000);
    meter.sample(5100, 10_100);
    expect(meter.perSecond()).toBe(1000);
  });
});

// Child process of the long-chain benchmark: builds the chain, runs backward, prints one JSON line.
// Usage: node --max-old-space-size=MB --import tsx child.ts chainrule|micrograd LENGTH
import type { ChainMeasurement } from './chain';
import { buildMicrogradChain, longestMicrogradChain } from './micrograd-chain';

const megabytes = (bytes: number) => bytes / 2 ** 20;
const [implementation = '', lengthText = ''] = process.argv.slice(2);
const length = Number(lengthText);

function measure(build: () => { backward: () => { value: number; gradient: number } }, name: string): ChainMeasurement {
  const start = performance.now();
  const built = build();
  const buildMilliseconds = performance.now() - start;
  const heapAfterBuildMegabytes = megabytes(process.memoryUsage().heapUsed);
  const backwardStart = performance.now();
  const peakRss = () => process.resourceUsage().maxRSS / 1024;
  try {
    const { value, gradient } = built.backward();
    return {
      implementation: name,
      length,
      buildMilliseconds,
      backwardMilliseconds: performance.now() - backwardStart,
      value,
      gradient,
      heapAfterBuildMegabytes,
      heapAfterBackwardMegabytes: megabytes(process.memoryUsage().heapUsed),
      peakRssMegabytes: peakRss(),
    };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      implementation: name,
      length,
      buildMilliseconds,
      value: NaN,
      heapAfterBuildMegabytes,
      peakRssMegabytes: peakRss(),
      error: text,
    };
  }
}

let measurement: ChainMeasurement;
if (implementation === 'chainrule') {
  const { buildChainruleChain } = await import('../../chainrule/long-chain');
  measurement = measure(() => {
    const { input, output } = buildChainruleChain(length);
    return {
      backward: () => {
        output.backward();
        return { value: output.item(), gradient: input.grad!.item() };
      },
    };
  }, 'chainrule');
} else if (implementation === 'micrograd') {
  measurement = measure(() => {
    const { input, output } = buildMicrogradChain(length);
    return {
      backward: () => {
        output.backward();
        return { value: output.data, gradient: input.grad };
      },
    };
  }, 'micrograd-style (recursive sort)');
  if (measurement.error !== undefined) measurement.longestWorkingLength = longestMicrogradChain();
} else {
  console.error(`usage: child.ts chainrule|micrograd LENGTH; got ${implementation} ${lengthText}`);
  process.exit(2);
}
console.log(JSON.stringify(measurement));

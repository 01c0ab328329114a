import { Value } from '../../peers/micrograd';
import { CHAIN_FACTOR, CHAIN_INCREMENT, CHAIN_START, isMultiplication } from './chain';

/** Builds the chain on micrograd-style scalars; returns the input and the output. */
export function buildMicrogradChain(length: number): { input: Value; output: Value } {
  const input = new Value(CHAIN_START);
  const factor = new Value(CHAIN_FACTOR);
  const increment = new Value(CHAIN_INCREMENT);
  let output = input;
  for (let step = 0; step < length; step++)
    output = isMultiplication(step) ? output.mul(factor) : output.add(increment);
  return { input, output };
}

/** Whether micrograd's recursive backward survives a chain of `length` ops. */
export function microgradBackwardWorks(length: number): boolean {
  try {
    buildMicrogradChain(length).output.backward();
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The longest chain micrograd's recursive sort handles here, by doubling then bisection (to within 1%). */
export function longestMicrogradChain(): number {
  let low = 1000;
  if (!microgradBackwardWorks(low)) return 0;
  let high = low * 2;
  while (microgradBackwardWorks(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > low / 100) {
    const middle = Math.floor((low + high) / 2);
    if (microgradBackwardWorks(middle)) low = middle;
    else high = middle;
  }
  return low;
}

import { add, constant, mul, variable, type Var } from '@chainrule/autograd';
import { scalar } from '@chainrule/tensor';
import { CHAIN_FACTOR, CHAIN_INCREMENT, CHAIN_START, isMultiplication } from '../benchmarks/long-chain/chain';

/** Builds the chain with recorded chainrule ops on float64 scalars; returns the input and the output. */
export function buildChainruleChain(length: number): { input: Var; output: Var } {
  const input = variable(scalar(CHAIN_START, { dtype: 'float64' }));
  const factor = constant(scalar(CHAIN_FACTOR, { dtype: 'float64' }));
  const increment = constant(scalar(CHAIN_INCREMENT, { dtype: 'float64' }));
  let output = input;
  for (let step = 0; step < length; step++)
    output = isMultiplication(step) ? mul(output, factor) : add(output, increment);
  return { input, output };
}

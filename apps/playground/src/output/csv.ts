import type { LossHistory } from './loss-history';

/**
 * The loss history as CSV: a header, then one line per evaluation, `step,train_loss,test_loss,train_accuracy,
 * test_accuracy`. Numbers are written in full (JavaScript's shortest round-trip form); a value a problem does not
 * have (the tutorial's test columns) is an empty field, and a diverged loss is written as NaN or Infinity.
 */
export function lossHistoryCsv(history: LossHistory): string {
  const steps = history.column('steps');
  const trainLoss = history.column('trainLoss');
  const testLoss = history.column('testLoss');
  const trainAccuracy = history.column('trainAccuracy');
  const testAccuracy = history.column('testAccuracy');
  const hasTest = history.hasTest();
  const lines = ['step,train_loss,test_loss,train_accuracy,test_accuracy'];
  for (let index = 0; index < steps.length; index++) {
    const test = hasTest ? [field(testLoss[index]!), field(testAccuracy[index]!)] : ['', ''];
    lines.push(
      [String(steps[index]), field(trainLoss[index]!), test[0], field(trainAccuracy[index]!), test[1]].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function field(value: number): string {
  return String(value); // NaN, Infinity and -Infinity print as such
}

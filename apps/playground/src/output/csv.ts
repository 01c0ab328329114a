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
    // String() writes the shortest round-trip form, and NaN / Infinity as such.
    const test = hasTest ? [String(testLoss[index]), String(testAccuracy[index])] : ['', ''];
    lines.push([steps[index], trainLoss[index], test[0], trainAccuracy[index], test[1]].map(String).join(','));
  }
  return `${lines.join('\n')}\n`;
}

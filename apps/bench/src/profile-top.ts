// Prints the functions with the most self time in a V8 .cpuprofile (from `node --cpu-prof`), with their total
// (inclusive) time.
// Usage: tsx src/profile-top.ts FILE.cpuprofile [count] [filter]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, countText = '25', filter = ''] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx src/profile-top.ts FILE.cpuprofile [count] [url filter]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(packages|apps|node_modules)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

// Inclusive ("total") time: a node's self time plus its subtree's, counted once per function on each stack.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const selfByFunction = new Map<string, number>();
const totalByFunction = new Map<string, number>();
for (const [id, microseconds] of selfMicroseconds) {
  const node = nodeById.get(id)!;
  if (!filter || node.callFrame.url.includes(filter)) {
    selfByFunction.set(keyOf(node), (selfByFunction.get(keyOf(node)) ?? 0) + microseconds);
  }
  const onStack = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const ancestor = nodeById.get(current)!;
    if (filter && !ancestor.callFrame.url.includes(filter)) continue;
    onStack.add(keyOf(ancestor));
  }
  for (const key of onStack) totalByFunction.set(key, (totalByFunction.get(key) ?? 0) + microseconds);
}
const total = [...selfMicroseconds.values()].reduce((sum, value) => sum + value, 0);
const milliseconds = (microseconds: number) => (microseconds / 1000).toFixed(1).padStart(9);
const percent = (microseconds: number) => ((100 * microseconds) / total).toFixed(1).padStart(5);
console.log(`total sampled ${(total / 1000).toFixed(1)} ms\n\nby self time:        self      %      total      %`);
for (const [key, microseconds] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(countText))) {
  const inclusive = totalByFunction.get(key) ?? 0;
  console.log(
    `  ${milliseconds(microseconds)} ms ${percent(microseconds)}%  ${milliseconds(inclusive)} ms ${percent(inclusive)}%  ${key}`,
  );
}

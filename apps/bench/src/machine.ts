import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Where the numbers were measured. */
export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  memoryGigabytes: number;
  platform: string;
  /** 1-minute load average when the run started (other processes skew timings). */
  loadAverage: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** Node version, CPU model (from /proc/cpuinfo on Linux), logical cores, memory, load. */
export function machineInfo(): MachineInfo {
  return {
    node: process.version,
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGigabytes: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg()[0]!,
  };
}

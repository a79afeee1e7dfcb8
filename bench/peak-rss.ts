import { readFileSync } from 'node:fs';

/** The highest resident set size this process has had (Linux `VmHWM`), else the current one. */
export function peakRssBytes(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}

export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

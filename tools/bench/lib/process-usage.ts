import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory (bytes) of a process group: every process whose group id is `pgid` (a service started in a
 * group of its own, the launcher and the app alike). Linux only (/proc); 0 where it cannot be read.
 */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (rss) total += Number(rss) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a process group uses now: resident memory (bytes) and CPU time (user + system, seconds) of its members. */
export interface GroupUsage {
  readonly rss: number;
  readonly cpuSeconds: number;
}

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * Resident memory and CPU time of a process group: every process whose group id is `pgid` (a service started in a
 * group of its own, the launcher and the app alike). Linux only (/proc); zeros where it cannot be read. CPU counts
 * the live members only, so sample before the group stops.
 */
export function groupUsage(pgid: number): GroupUsage {
  let rss = 0;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start after the last ')': state, ppid, pgrp, … utime is
      // the 14th field of the line, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (kb) rss += Number(kb) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return { rss, cpuSeconds: ticks / TICKS_PER_SECOND };
}

/**
 * The process groups of the runtime `./dev` started (MariaDB, Kafka, Connect), by name, from its pid files
 * (`$CDE_RUN_DIR/pids`); none when run outside `./dev`.
 */
export function runtimeGroups(runDir = process.env['CDE_RUN_DIR']): Map<string, number> {
  const groups = new Map<string, number>();
  if (!runDir) return groups;
  for (const part of ['mariadb', 'kafka', 'connect']) {
    try {
      const pid = Number(readFileSync(path.join(runDir, 'pids', `${part}.pid`), 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) groups.set(part, pid);
    } catch {
      // Not started by this runtime.
    }
  }
  return groups;
}

import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A Node preload that shifts the wall clock a process sees (`Date.now()`, `new Date()`, `Date()`) by a fixed offset,
 * as libfaketime would for a native process. Timers, `performance.now()` and `process.hrtime()` are left alone:
 * they are monotonic, which a real clock skew does not change. Dates built from a value are untouched, and
 * `instanceof Date` keeps holding for dates made by Node itself.
 */
export function clockSkewPreload(offsetMs: number): string {
  if (!Number.isInteger(offsetMs))
    throw new Error(`clock offset must be whole milliseconds, got ${offsetMs}`);
  return `'use strict';
const offset = ${offsetMs};
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
const skewedNow = () => realNow() + offset;
const Skewed = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [skewedNow()] : args, newTarget === Skewed ? target : newTarget);
  },
  apply(target) {
    return new target(skewedNow()).toString();
  },
  get(target, property) {
    return property === 'now' ? skewedNow : Reflect.get(target, property, target);
  },
});
globalThis.Date = Skewed;
`;
}

/**
 * Environment that runs a Node service with its wall clock `offsetMs` away from the machine's (negative: behind),
 * through a preload written into `dir`. Any NODE_OPTIONS of the caller are kept.
 */
export function clockSkewEnv(
  offsetMs: number,
  dir: string,
  nodeOptions: string | undefined = process.env['NODE_OPTIONS'],
): Record<string, string> {
  const file = path.join(dir, `clock-skew${offsetMs < 0 ? 'minus' : 'plus'}${Math.abs(offsetMs)}.cjs`);
  writeFileSync(file, clockSkewPreload(offsetMs));
  return { NODE_OPTIONS: [nodeOptions ?? '', `--require "${file}"`].join(' ').trim() };
}

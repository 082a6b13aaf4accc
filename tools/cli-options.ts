import { InvalidArgumentError } from 'commander';

/** A commander option parser for a positive number. */
export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

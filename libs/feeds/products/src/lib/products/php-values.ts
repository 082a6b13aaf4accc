/* PHP's casts of stored values, as the original's providers apply them to the rows they read. */

/** PHP's (bool) of a stored value: "" and "0" are false. */
export const phpBool = (value: string | number | null | undefined): boolean =>
  value !== null && value !== undefined && value !== '' && String(value) !== '0';

/** PHP's empty(): the video fields the original keeps are the non-empty ones. */
export const phpEmpty = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value === '' || value === '0';

/** PHP's (float) of a decimal: 0 for text that is not a number. */
export function toFloat(value: string): number {
  const n = Number.parseFloat(value);
  return Number.isNaN(n) ? 0 : n;
}

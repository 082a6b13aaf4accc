/** Each read's result under the read's name. */
export type ReadResults<Reads extends Record<string, Promise<unknown>>> = {
  -readonly [K in keyof Reads]: Awaited<Reads[K]>;
};

/**
 * Several independent reads run at once (as Promise.all runs them), their results named as the reads are: what a
 * reader that fills a row set of many tables returns, without listing the names twice.
 */
export async function readTogether<Reads extends Record<string, Promise<unknown>>>(
  reads: Reads,
): Promise<ReadResults<Reads>> {
  const names = Object.keys(reads);
  const results = await Promise.all(Object.values(reads));
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as ReadResults<Reads>;
}

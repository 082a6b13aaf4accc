/** Log codes of the receiver (group 20 of the `CDEgg-nn` scheme), on warnings and errors; listed in the README. */
export const ReceiverCodes = {
  apiKey: 'CDE20-01',
  signature: 'CDE20-02',
  environment: 'CDE20-03',
  unknownPath: 'CDE20-04',
  badBody: 'CDE20-05',
  itemsLimit: 'CDE20-06',
  invalidItems: 'CDE20-07',
  rateLimited: 'CDE20-08',
  staleItems: 'CDE20-09',
  fault: 'CDE20-10',
  clientGone: 'CDE20-11',
  internal: 'CDE20-12',
  apiUnauthorized: 'CDE20-13',
  countersNotWritten: 'CDE20-14',
  badApiRequest: 'CDE20-15',
} as const;

export type ReceiverCode = (typeof ReceiverCodes)[keyof typeof ReceiverCodes];

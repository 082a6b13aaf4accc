/** Injection tokens of the values the composition root provides (config, logger, pool, key, clock). */
export const RECEIVER_CONFIG = Symbol('RECEIVER_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const FEED_ITEM_VALIDATOR = Symbol('FEED_ITEM_VALIDATOR');
/** The public key `x-gw-signature` tokens are verified with. */
export const INGESTION_KEY = Symbol('INGESTION_KEY');
/** `() => Date`: the time, injectable so tests can move it. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;

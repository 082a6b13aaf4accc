/** Injection tokens of the values the composition root provides. */
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const PUBLISHER = Symbol('PUBLISHER');

import { createHash } from 'node:crypto';

/**
 * customerGroupCode = sha1(customer_group_id): how every SaaS feed names a customer group (the original computes
 * it in SQL for scopes and in PHP for prices). Part of the protocol, so producers and the receiver share it.
 */
export function customerGroupCode(customerGroupId: string | number): string {
  return createHash('sha1').update(String(customerGroupId)).digest('hex');
}

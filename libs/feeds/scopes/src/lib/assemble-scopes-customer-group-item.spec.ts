import { createHash } from 'node:crypto';
import { customerGroupCode } from '@cde/contracts';
import { assembleScopesCustomerGroupItem } from './assemble-scopes-customer-group-item';

describe(assembleScopesCustomerGroupItem.name, () => {
  const websites = [
    { website_id: '1', code: 'base' },
    { website_id: '2', code: 'website_2' },
  ];

  it('codes the group as sha1 of its id and lists every website it is not excluded from', () => {
    expect(assembleScopesCustomerGroupItem({ customer_group_id: '0' }, websites, [])).toEqual({
      customerGroupId: '0',
      customerGroupCode: createHash('sha1').update('0').digest('hex'),
      websites: ['base', 'website_2'],
    });
    expect(assembleScopesCustomerGroupItem({ customer_group_id: '4' }, websites, ['2']).websites).toEqual([
      'base',
    ]);
  });

  it('computes customerGroupCode like the original (sha1 of the decimal id)', () => {
    expect(customerGroupCode(1)).toBe('356a192b7913b04c54574d18c28d46e6395428ab');
    expect(customerGroupCode('1')).toBe(customerGroupCode(1));
  });
});

import { customerGroupCode } from '@cde/contracts';

/** Rows the scopesCustomerGroup feed reads. */
export interface CustomerGroupRow {
  readonly customer_group_id: string;
}

export interface ScopesCustomerGroupItem {
  readonly customerGroupId: string;
  /** sha1 of the group id, as every SaaS feed identifies customer groups. */
  readonly customerGroupCode: string;
  /** Codes of the websites the group is not excluded from. */
  readonly websites: readonly string[];
}

export function assembleScopesCustomerGroupItem(
  group: CustomerGroupRow,
  websiteCodes: readonly { website_id: string | number; code: string }[],
  excludedWebsiteIds: readonly string[],
): ScopesCustomerGroupItem {
  const excluded = new Set(excludedWebsiteIds.map(String));
  return {
    customerGroupId: String(group.customer_group_id),
    customerGroupCode: customerGroupCode(group.customer_group_id),
    websites: websiteCodes.filter((w) => !excluded.has(String(w.website_id))).map((w) => w.code),
  };
}

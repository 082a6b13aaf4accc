import type { OrderCustomAttribute, OrderLineItem } from '@cde/contracts';
import type { OrderLineRow, UuidOf } from './order-rows';
import {
  amount,
  amountOr0,
  customAttributes,
  flag,
  idString,
  parseOptions,
  rfc3339,
  uuidRecord,
} from './assemble-order-values';

/**
 * Whether a bundle's children ship together (product_options.shipment_type 0, Magento's SHIPMENT_TOGETHER);
 * children answer for their bundle; other lines have no say (null).
 */
function shippedTogether(line: OrderLineRow, byId: ReadonlyMap<string, OrderLineRow>): boolean | null {
  const parent = line.parent_item_id === null ? undefined : byId.get(idString(line.parent_item_id));
  const bundle =
    line.product_type === 'bundle' ? line : parent?.product_type === 'bundle' ? parent : undefined;
  if (!bundle) return null;
  const type = parseOptions(bundle.product_options)?.['shipment_type'];
  return type === undefined || type === null ? null : Number(type) === 0;
}

/** The chosen options a line shows to the shopper (configurable attributes, bundle and custom options). */
function optionAttributes(line: OrderLineRow): OrderCustomAttribute[] {
  const options = parseOptions(line.product_options);
  const lists = ['attributes_info', 'options', 'bundle_options'] as const;
  return customAttributes(
    lists.flatMap((key) => {
      const list = options?.[key];
      if (!Array.isArray(list)) return [];
      return list.flatMap((o: unknown) => {
        if (o === null || typeof o !== 'object') return [];
        const { label, value } = o as { label?: unknown; value?: unknown };
        if (typeof label !== 'string') return [];
        const text =
          typeof value === 'string' || typeof value === 'number'
            ? String(value)
            : Array.isArray(value)
              ? value
                  .map((v: unknown) =>
                    v !== null && typeof v === 'object' && 'title' in v ? String(v.title) : String(v),
                  )
                  .join(', ')
              : null;
        return [[label, text] as const];
      });
    }),
  );
}

/** An OrderItemV2 per sales_order_item row, in item id order; amounts in base currency. */
export function assembleOrderLines(lines: readonly OrderLineRow[], uuidOf: UuidOf): OrderLineItem[] {
  const byId = new Map(lines.map((l) => [idString(l.item_id), l]));
  return [...lines]
    .sort((a, b) => Number(a.item_id) - Number(b.item_id))
    .map((line) => ({
      itemId: uuidRecord(uuidOf, 'order_item', line.item_id),
      entityId: idString(line.item_id),
      parentEntityId: line.parent_item_id === null ? null : idString(line.parent_item_id),
      isVirtual: flag(line.is_virtual),
      qtyInvoiced: amount(line.qty_invoiced),
      qtyShipped: amount(line.qty_shipped),
      qtyBackordered: amount(line.qty_backordered),
      qtyOrdered: amount(line.qty_ordered),
      qtyRefunded: amount(line.qty_refunded),
      qtyCanceled: amount(line.qty_canceled),
      productType: line.product_type,
      productOptions: line.product_options,
      itemsShippedTogether: shippedTogether(line, byId),
      sku: line.sku,
      productSku: line.product_sku ?? line.sku,
      name: line.name,
      qty: Math.round(amountOr0(line.qty_ordered)),
      unitPrice: amount(line.base_price),
      itemPrice: amount(line.base_row_total),
      discountAmount: amount(line.base_discount_amount),
      taxAmount: amount(line.base_tax_amount),
      totalAmount: amount(
        amountOr0(line.base_row_total) -
          amountOr0(line.base_discount_amount) +
          amountOr0(line.base_tax_amount),
      ),
      weight: amount(line.weight),
      updatedAt: rfc3339(line.updated_at),
      additionalInformation: optionAttributes(line),
    }));
}

import type {
  OrderCreditMemo,
  OrderInvoice,
  OrderShipment,
  OrderTax,
  OrderTransaction,
} from '@cde/contracts';
import { groupBy } from '@cde/platform/magento';
import type { CreditMemoItemRow, Num, OrderRows, OrderTaxItemRow, OrderTaxRow, UuidOf } from './order-rows';
import { amount, amountOr0, flag, idString, rfc3339, trackingUrl, uuidRecord } from './assemble-order-values';

const byEntityId = (a: { entity_id: Num }, b: { entity_id: Num }): number =>
  Number(a.entity_id) - Number(b.entity_id);

/** Invoices with the quantity of each line they bill. */
export function assembleInvoices(rows: OrderRows, uuidOf: UuidOf): OrderInvoice[] {
  const itemsOf = groupBy(rows.invoiceItems, (i) => idString(i.parent_id));
  return [...rows.invoices].sort(byEntityId).map((invoice) => ({
    entityId: idString(invoice.entity_id),
    isUsedForRefund: flag(invoice.is_used_for_refund) ?? false,
    grandTotal: amount(invoice.base_grand_total),
    createdAt: rfc3339(invoice.created_at),
    commerceInvoiceNumber: invoice.increment_id,
    invoiceItems: (itemsOf.get(idString(invoice.entity_id)) ?? []).map((item) => ({
      orderItemId: uuidRecord(uuidOf, 'order_item', item.order_item_id),
      qtyInvoiced: amount(item.qty),
    })),
  }));
}

/** Shipments with their latest tracking number and the quantity of each line they carry. */
export function assembleShipments(rows: OrderRows, uuidOf: UuidOf): OrderShipment[] {
  const itemsOf = groupBy(rows.shipmentItems, (i) => idString(i.parent_id));
  const tracksOf = groupBy(rows.tracks, (t) => idString(t.parent_id));
  return [...rows.shipments].sort(byEntityId).map((shipment) => {
    const track = [...(tracksOf.get(idString(shipment.entity_id)) ?? [])].sort(byEntityId).at(-1);
    return {
      shipmentId: uuidRecord(uuidOf, 'shipment', shipment.entity_id),
      createdAt: rfc3339(shipment.created_at),
      updatedAt: rfc3339(shipment.updated_at),
      trackingInfo: track
        ? {
            shippingCarrier: track.carrier_code,
            shippingMethod: track.title,
            trackingNumber: track.track_number,
            trackingUrl: trackingUrl(track.carrier_code, track.track_number),
          }
        : null,
      commerceShipmentNumber: shipment.increment_id,
      items: (itemsOf.get(idString(shipment.entity_id)) ?? []).map((item) => ({
        orderItemId: uuidRecord(uuidOf, 'order_item', item.order_item_id),
        qtyShipped: amount(item.qty),
      })),
    };
  });
}

/** Splits `total` over the taxes of the given tax items by their base amounts (one rate: all of it). */
function splitTax(
  total: number,
  type: string,
  taxItems: readonly OrderTaxItemRow[],
  titles: ReadonlyMap<string, string | null>,
): OrderTax[] {
  if (total === 0) return [];
  const weight = taxItems.reduce((s, t) => s + amountOr0(t.base_amount), 0);
  if (taxItems.length === 0 || weight === 0)
    return [{ taxName: null, taxType: type, taxAmount: amount(total) }];
  return taxItems.map((t) => ({
    taxName: titles.get(idString(t.tax_id)) ?? null,
    taxType: type,
    taxAmount: amount((total * amountOr0(t.base_amount)) / weight),
  }));
}

/** The taxes of a refunded line, split over the rates that applied to the order line. */
function productTaxes(
  item: CreditMemoItemRow,
  productTaxItems: ReadonlyMap<string, readonly OrderTaxItemRow[]>,
  titles: ReadonlyMap<string, string | null>,
): OrderTax[] {
  return splitTax(
    amountOr0(item.base_tax_amount),
    'product',
    productTaxItems.get(idString(item.order_item_id)) ?? [],
    titles,
  );
}

/** The taxes of a whole credit memo by rate and type: its lines' product taxes, then its shipping tax. */
function refundTaxes(lines: readonly OrderTax[], shipping: readonly OrderTax[]): OrderTax[] {
  const sums = new Map<string, OrderTax>();
  for (const tax of [...lines, ...shipping]) {
    const key = `${tax.taxType ?? ''}\0${tax.taxName ?? ''}`;
    const prior = sums.get(key);
    sums.set(key, { ...tax, taxAmount: amount((prior?.taxAmount ?? 0) + (tax.taxAmount ?? 0)) });
  }
  return [...sums.values()];
}

/** Credit memos with their comments, taxes, adjustment and the refunded lines; amounts in base currency. */
export function assembleCreditMemos(rows: OrderRows, uuidOf: UuidOf): OrderCreditMemo[] {
  const itemsOf = groupBy(rows.creditMemoItems, (i) => idString(i.parent_id));
  const commentsOf = groupBy(rows.creditMemoComments, (c) => idString(c.parent_id));
  const titles = new Map(rows.taxes.map((t: OrderTaxRow) => [idString(t.tax_id), t.title ?? t.code]));
  const productTaxItems = groupBy(
    rows.taxItems.filter((t) => t.taxable_item_type === 'product' && t.item_id !== null),
    (t) => idString(t.item_id),
  );
  const shippingTaxItems = rows.taxItems.filter((t) => t.taxable_item_type === 'shipping');
  return [...rows.creditMemos].sort(byEntityId).map((memo) => {
    const items = itemsOf.get(idString(memo.entity_id)) ?? [];
    const refundItems = items.map((item) => ({
      orderItemId: uuidRecord(uuidOf, 'order_item', item.order_item_id),
      qtyRefunded: amount(item.qty),
      basePrice: amount(item.base_price),
      baseRowTotal: amount(item.base_row_total),
      productTaxes: productTaxes(item, productTaxItems, titles),
    }));
    const shippingTax = amountOr0(memo.base_shipping_tax_amount);
    return {
      creditMemoId: uuidRecord(uuidOf, 'credit_memo', memo.entity_id),
      entityId: idString(memo.entity_id),
      state: memo.state === null ? null : Number(memo.state),
      createdAt: rfc3339(memo.created_at),
      creditMemoComments: (commentsOf.get(idString(memo.entity_id)) ?? []).flatMap((c) =>
        c.comment === null ? [] : [c.comment],
      ),
      shippingAmount: amount(memo.base_shipping_amount),
      shippingTaxAmount: amount(memo.base_shipping_tax_amount),
      adjustment: amount(memo.base_adjustment),
      currency: memo.base_currency_code,
      refundTaxes: refundTaxes(
        refundItems.flatMap((i) => i.productTaxes),
        splitTax(shippingTax, 'shipping', shippingTaxItems, titles),
      ),
      subtotal: amount(memo.base_subtotal),
      productsTaxAmount: amount(amountOr0(memo.base_tax_amount) - shippingTax),
      grandTotal: amount(memo.base_grand_total),
      commerceCreditMemoNumber: memo.increment_id,
      refundItems,
    };
  });
}

export function assembleTransactions(rows: OrderRows): OrderTransaction[] {
  return [...rows.transactions]
    .sort((a, b) => Number(a.transaction_id) - Number(b.transaction_id))
    .map((t) => ({
      entityId: idString(t.transaction_id),
      txnId: t.txn_id,
      type: t.txn_type,
      createdAt: rfc3339(t.created_at),
    }));
}

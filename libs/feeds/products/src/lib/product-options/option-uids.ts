/*
 * The ids the original gives option values (and shopper input options): base64 of a type tag and the row ids,
 * joined with '/'. The storefront decodes them, so they must match byte for byte.
 */

const base64 = (parts: readonly (string | number)[]): string =>
  Buffer.from(parts.join('/'), 'utf8').toString('base64');

/** A configurable option value: `configurable/<attribute id>/<option id>` (also the variants feed's uid). */
export function configurableValueUid(attributeId: string | number, optionId: string | number): string {
  return base64(['configurable', attributeId, optionId]);
}

/** A custom option value of a select-like option: `custom-option/<option id>/<option type id>`. */
export function customOptionValueUid(optionId: string | number, optionTypeId: string | number): string {
  return base64(['custom-option', optionId, optionTypeId]);
}

/** A custom option the shopper types into (text, file, date): `custom-option/<option id>`. */
export function customOptionUid(optionId: string | number): string {
  return base64(['custom-option', optionId]);
}

/** A downloadable link: `downloadable/<link id>`. */
export function downloadableLinkUid(linkId: string | number): string {
  return base64(['downloadable', linkId]);
}

/**
 * A bundle selection: `bundle/<option id>/<selection id>/<qty>`, the qty truncated to an integer as PHP's
 * `(int)"1.5000"` does.
 */
export function bundleSelectionUid(
  optionId: string | number,
  selectionId: string | number,
  qty: string | number | null,
): string {
  return base64(['bundle', optionId, selectionId, Math.trunc(Number(qty ?? 0)) || 0]);
}

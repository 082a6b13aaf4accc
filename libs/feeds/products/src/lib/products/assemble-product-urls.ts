import type { ProductUrlRewrite } from '@cde/contracts';
import type { StoreView } from '@cde/platform/magento';
import type { BatchIndex, ProductUrls } from './product-batch-index';
import type { ProductEntityRow } from './product-rows';

/**
 * url: the store view's base link URL + the product's own rewrite (not a redirect, no category), else the
 * catalog/product/view route with the url key. urlRewrites: every product rewrite of the store view on the web
 * base URL, with the target path's name/value pairs after the route as parameters. Both paths are nullable in
 * Magento's schema: a rewrite without a request path is no URL and is left out; one without a target path has no
 * parameters.
 */
export function urlsOfProduct(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  urls: ProductUrls,
  urlKey: string | undefined,
): { url: string; urlRewrites: ProductUrlRewrite[] | null } {
  const rows = (index.rewritesOf.get(`${product.entity_id}/${view.storeId}`) ?? []).filter(
    (r): r is typeof r & { request_path: string } => r.request_path !== null,
  );
  const own = rows.filter((r) => Number(r.redirect_type) === 0 && r.metadata === null).at(-1);
  const path = own ? own.request_path : `catalog/product/view/id/${product.entity_id}/s/${urlKey ?? ''}/`;
  const rewrites = rows.map((r) => {
    const parameters = urlParameters(r.target_path);
    return { url: `${urls.web}${r.request_path}`, parameters: parameters.length > 0 ? parameters : null };
  });
  return { url: `${urls.link}${path}`, urlRewrites: rewrites.length > 0 ? rewrites : null };
}

/** `catalog/product/view/id/5/category/3` → [{id, 5}, {category, 3}]. */
export function urlParameters(targetPath: string | null): { name: string; value: string }[] {
  if (targetPath === null) return [];
  const parts = targetPath.replace(/^\/+|\/+$/g, '').split('/');
  const out: { name: string; value: string }[] = [];
  for (let i = 3; i < parts.length - 1; i += 2) out.push({ name: parts[i] ?? '', value: parts[i + 1] ?? '' });
  return out;
}

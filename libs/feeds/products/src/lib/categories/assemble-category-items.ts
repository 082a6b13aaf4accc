import type { CategoryFeedItem } from '@cde/contracts';
import type { EavValues, StoreView } from '@cde/platform/magento';

/** A row of catalog_category_entity (Open Source layout). */
export interface CategoryEntityRow {
  readonly entity_id: number | string;
  readonly parent_id: number | string;
  readonly path: string;
  readonly level: number | string;
  readonly position: number | string;
  readonly created_at: string | null;
  readonly updated_at: string | null;
}

/** The item before the engine adds `modifiedAt` and `deleted`. */
export type AssembledCategory = Omit<CategoryFeedItem, 'modifiedAt' | 'deleted'>;

/** The category EAV attributes the item shows (the original's CategoryEavAttributesProvider list). */
export const CATEGORY_ATTRIBUTE_CODES = {
  name: 'name',
  description: 'description',
  metaTitle: 'meta_title',
  metaKeywords: 'meta_keywords',
  metaDescription: 'meta_description',
  displayMode: 'display_mode',
  urlKey: 'url_key',
  defaultSortBy: 'default_sort_by',
  availableSortBy: 'available_sort_by',
  image: 'image',
  isActive: 'is_active',
  isAnchor: 'is_anchor',
  includeInMenu: 'include_in_menu',
} as const;

export type CategoryAttributeIds = Readonly<Partial<Record<keyof typeof CATEGORY_ATTRIBUTE_CODES, number>>>;

/** What a store view contributes beyond its codes: its config. */
export interface CategoryStoreSettings {
  /** catalog/frontend/default_sort_by (Magento's default: position). */
  readonly defaultSortBy: string;
  /** Media base URL with a trailing slash. */
  readonly mediaBaseUrl: string;
}

/** Everything the assembler needs besides the category row; read once per batch. */
export interface CategoryContext {
  readonly storeViews: readonly StoreView[];
  readonly attributes: CategoryAttributeIds;
  /** Values of the batch's categories, their ancestors (url_key, is_active, include_in_menu) and children (is_active). */
  readonly values: EavValues;
  /** Parent id → ids of its direct children, ascending. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Product attribute codes used for sort by (used_for_sort_by = 1), by attribute id; `position` is implied. */
  readonly sortableAttributes: readonly string[];
  readonly settings: ReadonlyMap<number, CategoryStoreSettings>;
  /** The description attribute allows neither HTML on the storefront nor WYSIWYG: the original escapes it. */
  readonly escapeDescription: boolean;
}

const DEFAULT_SETTINGS: CategoryStoreSettings = { defaultSortBy: 'position', mediaBaseUrl: '/media/' };

/**
 * Whether the category belongs to the tree of the store view's root category, as the original's CategoryMainQuery
 * decides it: `path LIKE '%/<root>/%' OR path LIKE '%/<root>'` (the root itself included, the tree root 1 never).
 */
export function isUnderRoot(path: string, rootCategoryId: number): boolean {
  return path.includes(`/${rootCategoryId}/`) || path.endsWith(`/${rootCategoryId}`);
}

/** PHP's (int) cast of an EAV value: a number, 0 for text that is not one. */
const toInt = (value: string): number => {
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
};

/**
 * The category's url path in a store view as the original's CategoryUrlPathBuilder builds it: the url keys of the
 * path's ids after the tree root and the store root, each the store view's value unless NULL, else the default;
 * ids without a url key are left out. The stored url_path is not used (a core bug can leave it stale).
 */
export function buildUrlPath(
  path: string,
  storeId: number,
  values: EavValues,
  urlKeyId: number | undefined,
): string {
  const parts: string[] = [];
  for (const id of path.split('/').slice(2)) {
    const own = values.get(id, urlKeyId, storeId);
    const key = own === null || own === undefined ? values.get(id, urlKeyId, 0) : own;
    if (key !== null && key !== undefined) parts.push(key);
  }
  return parts.join('/');
}

/**
 * The image URL as the original's Category\Image provider builds it: a path under the media directory
 * (`/media/…` or `/pub/media/…`) becomes a media URL, a bare file name one in `catalog/category/`, any other
 * absolute path is kept as it is.
 */
export function categoryImageUrl(value: string, mediaBaseUrl: string): string {
  const base = mediaBaseUrl.replace(/\/+$/, '');
  const file = value.replace(/^\/+/, '');
  const mediaDir = file.startsWith('pub/') ? 'pub/media/' : 'media/';
  if (file.startsWith(mediaDir)) return `${base}/${file.slice(mediaDir.length).replace(/^\/+/, '')}`;
  if (!value.startsWith('/')) return `${base}/catalog/category/${basename(value)}`;
  return value;
}

/** PHP's basename(): the last non-empty segment. */
function basename(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  return segments[segments.length - 1] ?? '';
}

/** Magento's Escaper::escapeHtml without allowed tags: htmlspecialchars(ENT_QUOTES, double_encode false). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/**
 * defaultSortBy as the original's DefaultSortBy provider decides it: the category's value, else the store view's
 * config; kept when it is one of the category's valid sort options (its available_sort_by entries that are
 * sortable, or every sortable attribute when none is), else the first of those options.
 */
export function resolveDefaultSortBy(
  own: string | null | undefined,
  available: string | null | undefined,
  configured: string,
  sortableAttributes: readonly string[],
): string | null {
  const sortable = ['position', ...sortableAttributes];
  const valid = new Set(sortable);
  const listed = [...new Set((available ?? '').split(','))].filter((code) => valid.has(code));
  const options = listed.length > 0 ? listed : sortable;
  const wanted = own ?? configured;
  return options.includes(wanted) ? wanted : (options[0] ?? null);
}

/** available_sort_by split on commas, as the original's AvailableSortBy provider sends it; null when empty. */
export function availableSortByOf(value: string | null | undefined): string[] | null {
  // PHP's empty(): NULL, '' and '0' give no options.
  if (value === null || value === undefined || value === '' || value === '0') return null;
  return value.split(',');
}

/**
 * The ancestor whose status the original applies (AncestorStatusProvider): the top-level menu category, third id
 * of the path, for categories below it (path `1/2/3/4` → 3); none for the top level itself.
 */
export function statusAncestorOf(path: string): string | undefined {
  const ids = path.split('/');
  return ids.length > 3 ? ids[2] : undefined;
}

/**
 * One item per store view whose root category's tree holds the category, every field as the original's Categories
 * provider computes it: EAV values store view → default, urlPath built from url keys, children that are active
 * in the store view, isActive/includeInMenu forced to 0 below an inactive / hidden top-level category, image URL,
 * sort options checked against the sortable attributes. A category whose url path is empty has no identity
 * (the tree's store roots, or a url key missing everywhere): it produces no item.
 */
export function assembleCategoryItems(
  category: CategoryEntityRow,
  context: CategoryContext,
): AssembledCategory[] {
  const id = String(category.entity_id);
  const { values, attributes: attr } = context;
  const items: AssembledCategory[] = [];

  for (const view of context.storeViews) {
    if (!isUnderRoot(category.path, view.rootCategoryId)) continue;
    const storeId = view.storeId;
    const urlPath = buildUrlPath(category.path, storeId, values, attr.urlKey);
    if (urlPath === '') continue;
    const settings = context.settings.get(storeId) ?? DEFAULT_SETTINGS;
    const value = (attributeId: number | undefined): string | undefined =>
      values.get(id, attributeId, storeId) ?? undefined;
    const text = (field: string, attributeId: number | undefined): Record<string, string> => {
      const v = value(attributeId);
      return v === undefined ? {} : { [field]: v };
    };
    const int = (field: string, attributeId: number | undefined): Record<string, number> => {
      const v = value(attributeId);
      return v === undefined ? {} : { [field]: toInt(v) };
    };

    const description = value(attr.description);
    const image = value(attr.image);
    // The original lists the children its category collection finds with is_active = 1.
    const children = (context.children.get(id) ?? []).filter(
      (child) => toIntOrNull(values.get(child, attr.isActive, storeId)) === 1,
    );
    const available = values.get(id, attr.availableSortBy, storeId);

    const item: AssembledCategory = {
      categoryId: id,
      storeViewCode: view.storeViewCode,
      storeCode: view.storeCode,
      websiteCode: view.websiteCode,
      name: value(attr.name) ?? '',
      ...(description !== undefined
        ? { description: context.escapeDescription ? escapeHtml(description) : description }
        : {}),
      ...text('metaTitle', attr.metaTitle),
      ...text('metaKeywords', attr.metaKeywords),
      ...text('metaDescription', attr.metaDescription),
      ...text('displayMode', attr.displayMode),
      ...text('urlKey', attr.urlKey),
      urlPath,
      image: image === undefined ? null : categoryImageUrl(image, settings.mediaBaseUrl),
      level: Number(category.level),
      path: category.path,
      parentId: String(category.parent_id),
      children: children.length > 0 ? children : null,
      position: Number(category.position),
      defaultSortBy: resolveDefaultSortBy(
        values.get(id, attr.defaultSortBy, storeId),
        available,
        settings.defaultSortBy,
        context.sortableAttributes,
      ),
      availableSortBy: availableSortByOf(available),
      ...int('isAnchor', attr.isAnchor),
      ...int('includeInMenu', attr.includeInMenu),
      ...int('isActive', attr.isActive),
      ...(category.created_at !== null ? { createdAt: category.created_at } : {}),
      ...(category.updated_at !== null ? { updatedAt: category.updated_at } : {}),
    };
    items.push(applyAncestorStatus(item, category.path, storeId, context));
  }
  return items;
}

const toIntOrNull = (value: string | null | undefined): number | null =>
  value === null || value === undefined ? null : toInt(value);

/**
 * The original hides a category whose top-level menu category is inactive or out of the menu (Adobe Commerce
 * hides the whole branch). An ancestor without any status row counts as active and in the menu; with rows, a
 * missing or NULL value counts as 0.
 */
function applyAncestorStatus(
  item: AssembledCategory,
  path: string,
  storeId: number,
  context: CategoryContext,
): AssembledCategory {
  const ancestor = statusAncestorOf(path);
  if (ancestor === undefined) return item;
  const { values, attributes: attr } = context;
  const active = values.get(ancestor, attr.isActive, storeId);
  const inMenu = values.get(ancestor, attr.includeInMenu, storeId);
  if (active === undefined && inMenu === undefined) return item;
  return {
    ...item,
    ...((toIntOrNull(active) ?? 0) === 0 ? { isActive: 0 } : {}),
    ...((toIntOrNull(inMenu) ?? 0) === 0 ? { includeInMenu: 0 } : {}),
  };
}

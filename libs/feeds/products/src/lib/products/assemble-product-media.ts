import type {
  ProductImage,
  ProductImageDeprecated,
  ProductMediaItem,
  ProductVideo,
  ProductVideoItem,
} from '@cde/contracts';
import type { StoreView } from '@cde/platform/magento';
import { phpBool, phpEmpty } from './php-values';
import type { BatchIndex, ProductUrls } from './product-batch-index';
import type { MediaGalleryRow, ProductEntityRow } from './product-rows';

/** Image roles in the order the original lists them (MediaGallery::$imagesMapping). */
const IMAGE_ROLES = [
  { field: 'image', code: 'image', label: 'image_label' },
  { field: 'smallImage', code: 'small_image', label: 'small_image_label' },
  { field: 'thumbnail', code: 'thumbnail', label: 'thumbnail_label' },
  { field: 'swatchImage', code: 'swatch_image', label: undefined },
] as const;
const ROLE_DISABLED = 'hide_from_pdp';
const MEDIA_IMAGE = 'image';
const MEDIA_VIDEO = 'external-video';

/**
 * The deprecated image fields (image, smallImage, thumbnail, swatchImage): the file of the role's attribute, with
 * its label attribute where it has one; `text` is the product's value in the store view.
 */
export function deprecatedImagesOf(
  urls: ProductUrls,
  text: (code: string) => string | undefined,
): Partial<Record<(typeof IMAGE_ROLES)[number]['field'], ProductImageDeprecated>> {
  const images: Partial<Record<(typeof IMAGE_ROLES)[number]['field'], ProductImageDeprecated>> = {};
  for (const role of IMAGE_ROLES) {
    const file = text(role.code);
    if (file === undefined) continue;
    images[role.field] = {
      url: `${urls.productMedia}${file}`,
      label: role.label ? (text(role.label) ?? null) : null,
    };
  }
  return images;
}

export interface MediaFields {
  readonly images: ProductImage[] | null;
  readonly videos: ProductVideo[] | null;
  readonly media_gallery: ProductMediaItem[] | null;
}

/**
 * images (media type image), videos (external-video) and the deprecated media_gallery (all), from the gallery
 * entries linked to the product: label, position and disabled of the store view's value row, else the default's;
 * roles are the image attributes (image, small_image, thumbnail, swatch_image) holding the entry's file, plus
 * `hide_from_pdp` for a disabled entry. Sorted by position. Empty lists are null, as the original's provider
 * fields without data.
 */
export function mediaOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  urls: ProductUrls,
): MediaFields {
  const id = String(product.entity_id);
  const roleFiles = IMAGE_ROLES.map((r) => ({
    code: r.code,
    file: index.values.get(id, index.attributeId(r.code), view.storeId) ?? '',
  }));
  const entries = (index.mediaOf.get(id) ?? []).map((m) => {
    const own = index.mediaValues.get(`${m.value_id}/${id}/${view.storeId}`);
    const fallback = index.mediaValues.get(`${m.value_id}/${id}/0`);
    const position = own?.position ?? fallback?.position ?? null;
    const file = m.file ?? '';
    const types = roleFiles.filter((r) => r.file !== '' && r.file === file).map((r) => r.code);
    const disabled = phpBool(own?.disabled ?? fallback?.disabled ?? null);
    return {
      valueId: Number(m.value_id),
      mediaType: m.media_type,
      url: `${urls.productMedia}${file}`,
      label: own?.label ?? fallback?.label ?? '',
      sortOrder: position === null ? 0 : Number(position),
      types,
      roles: disabled ? [...types, ROLE_DISABLED] : types,
      video: videoOf(index, m, view),
    };
  });
  entries.sort((a, b) => a.sortOrder - b.sortOrder || a.valueId - b.valueId);
  const images: ProductImage[] = entries
    .filter((e) => e.mediaType === MEDIA_IMAGE)
    .map((e) => ({
      resource: { url: e.url, label: e.label, roles: e.roles.length > 0 ? e.roles : null },
      sortOrder: String(e.sortOrder),
    }));
  const videos: ProductVideo[] = entries
    .filter((e) => e.mediaType === MEDIA_VIDEO)
    .map((e) => ({
      preview: { url: e.url, label: e.label, roles: e.roles.length > 0 ? e.roles : null },
      ...(e.video ? { video: e.video } : {}),
      sortOrder: String(e.sortOrder),
    }));
  const gallery: ProductMediaItem[] = entries.map((e) => ({
    url: e.url,
    label: e.label,
    types: e.types.length > 0 ? e.types : null,
    sort_order: e.sortOrder,
    ...(e.video ? { video_attributes: e.video } : {}),
  }));
  return {
    images: images.length > 0 ? images : null,
    videos: videos.length > 0 ? videos : null,
    media_gallery: gallery.length > 0 ? gallery : null,
  };
}

/** The entry's video fields (store view's row, else default's, field by field); null when all are empty. */
function videoOf(index: BatchIndex, m: MediaGalleryRow, view: StoreView): ProductVideoItem | null {
  const own = index.mediaVideos.get(`${m.value_id}/${view.storeId}`);
  const fallback = index.mediaVideos.get(`${m.value_id}/0`);
  const pick = (field: 'provider' | 'url' | 'title' | 'description' | 'metadata'): string | null => {
    const value = own?.[field] ?? fallback?.[field] ?? null;
    return phpEmpty(value) ? null : value;
  };
  const video = {
    videoProvider: pick('provider'),
    videoUrl: pick('url'),
    videoTitle: pick('title'),
    videoDescription: pick('description'),
    videoMetadata: pick('metadata'),
  };
  if (Object.values(video).every((v) => v === null)) return null;
  return { ...video, mediaType: m.media_type };
}

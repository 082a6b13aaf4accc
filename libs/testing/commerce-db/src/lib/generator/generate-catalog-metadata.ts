import { generateAttributeMetadata } from './catalog-metadata-attributes';
import { generateCategories } from './catalog-metadata-categories';
import type { CatalogMetadata, GeneratedScopes, GenerationContext } from './generation-context';

/**
 * What products need before they can be written: attribute sets with their user-defined attributes and options,
 * the configurable (swatch) attributes color × size, and the category tree with its URL rewrites and permissions.
 * Rows are flushed before returning.
 */
export async function generateCatalogMetadata(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
): Promise<CatalogMetadata> {
  const started = Date.now();
  const { attributeSets, configurableAttributes } = await generateAttributeMetadata(
    { ...ctx, random: ctx.random.fork(1) },
    scopes,
  );
  const categories = await generateCategories({ ...ctx, random: ctx.random.fork(2) }, scopes);
  await ctx.writer.flush();
  ctx.log(`catalog metadata: done in ${Date.now() - started} ms`);
  return { attributeSets, configurableAttributes, categories };
}

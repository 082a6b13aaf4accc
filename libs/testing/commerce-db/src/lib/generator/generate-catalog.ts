import { generateCatalogMetadata } from './generate-catalog-metadata';
import { generateProducts } from './generate-products';
import type { GeneratedCatalog, GeneratedScopes, GenerationContext } from './generation-context';

/** Attributes, sets and categories first, then the products that use them. */
export async function generateCatalog(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
): Promise<GeneratedCatalog> {
  const metadata = await generateCatalogMetadata({ ...ctx, random: ctx.random.fork(21) }, scopes);
  await ctx.writer.flush();
  await ctx.attributes.reload(ctx.connection);
  return generateProducts({ ...ctx, random: ctx.random.fork(22) }, scopes, metadata);
}

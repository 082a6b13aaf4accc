/**
 * Product names, descriptions and store-view translations. The toolkit's names ("Simple Product %s") stay the
 * admin values; store-view overrides are translated and carry accents and dashes so feeds are tested with real
 * UTF-8 (e.g. "Produit simple 12 – été").
 */

export type ProductType = 'simple' | 'configurable' | 'virtual' | 'downloadable' | 'bundle' | 'grouped';

/** Admin names and SKU / URL-key stems per type, as the performance toolkit names them. */
export const TYPE_NAMES: Readonly<Record<ProductType, { name: string; sku: string; urlKey: string }>> = {
  simple: { name: 'Simple Product', sku: 'product_dynamic_', urlKey: 'simple-product-' },
  configurable: {
    name: 'Configurable Product',
    sku: 'Configurable Product ',
    urlKey: 'configurable-product-',
  },
  virtual: { name: 'Virtual Product', sku: 'virtual_product_', urlKey: 'virtual-product-' },
  downloadable: {
    name: 'Downloadable Product',
    sku: 'downloadable_product_',
    urlKey: 'downloadable-product-',
  },
  bundle: { name: 'Bundle Product', sku: 'bundle_product_', urlKey: 'bundle-product-' },
  grouped: { name: 'Grouped Product', sku: 'grouped_product_', urlKey: 'grouped-product-' },
};

interface Language {
  readonly types: Readonly<Record<ProductType, string>>;
  /** Suffixes with accents, joined with an en dash. */
  readonly taglines: readonly string[];
  readonly description: string;
  readonly short: string;
}

const LANGUAGES: Readonly<Record<string, Language>> = {
  en: {
    types: {
      simple: 'Simple Product',
      configurable: 'Configurable Product',
      virtual: 'Virtual Product',
      downloadable: 'Downloadable Product',
      bundle: 'Bundle Product',
      grouped: 'Grouped Product',
    },
    taglines: ['Café Edition', 'Limited Edition', 'Naïve Collection', 'Crème Series'],
    description: 'Carefully made from durable materials, comfortable for everyday use.',
    short: 'Everyday favourite.',
  },
  fr: {
    types: {
      simple: 'Produit simple',
      configurable: 'Produit configurable',
      virtual: 'Produit virtuel',
      downloadable: 'Produit téléchargeable',
      bundle: 'Lot de produits',
      grouped: 'Produits groupés',
    },
    taglines: ['été', 'hiver', 'édition spéciale', 'qualité supérieure'],
    description: 'Fabriqué avec soin à partir de matériaux durables, idéal au quotidien.',
    short: 'Un incontournable élégant.',
  },
  de: {
    types: {
      simple: 'Einfaches Produkt',
      configurable: 'Konfigurierbares Produkt',
      virtual: 'Virtuelles Produkt',
      downloadable: 'Herunterladbares Produkt',
      bundle: 'Produktbündel',
      grouped: 'Gruppiertes Produkt',
    },
    taglines: ['Frühling', 'Größe M', 'Qualität', 'Straße'],
    description: 'Sorgfältig aus langlebigen Materialien gefertigt, für den täglichen Gebrauch.',
    short: 'Ein schöner Begleiter für jeden Tag.',
  },
  es: {
    types: {
      simple: 'Producto simple',
      configurable: 'Producto configurable',
      virtual: 'Producto virtual',
      downloadable: 'Producto descargable',
      bundle: 'Paquete de productos',
      grouped: 'Productos agrupados',
    },
    taglines: ['verano', 'edición única', 'niño', 'algodón'],
    description: 'Fabricado con cuidado con materiales duraderos, ideal para el día a día.',
    short: 'Un clásico para cada día.',
  },
  it: {
    types: {
      simple: 'Prodotto semplice',
      configurable: 'Prodotto configurabile',
      virtual: 'Prodotto virtuale',
      downloadable: 'Prodotto scaricabile',
      bundle: 'Confezione di prodotti',
      grouped: 'Prodotti raggruppati',
    },
    taglines: ['estate', 'qualità', 'città', 'novità'],
    description: 'Realizzato con cura in materiali resistenti, perfetto per ogni giorno.',
    short: 'Un classico di qualità.',
  },
  nl: {
    types: {
      simple: 'Eenvoudig product',
      configurable: 'Configureerbaar product',
      virtual: 'Virtueel product',
      downloadable: 'Downloadbaar product',
      bundle: 'Productbundel',
      grouped: 'Gegroepeerd product',
    },
    taglines: ['zomer', 'één maat', 'café', 'kwaliteit'],
    description: 'Zorgvuldig gemaakt van duurzame materialen, ideaal voor elke dag.',
    short: 'Een favoriet voor elke dag.',
  },
  pt: {
    types: {
      simple: 'Produto simples',
      configurable: 'Produto configurável',
      virtual: 'Produto virtual',
      downloadable: 'Produto para download',
      bundle: 'Pacote de produtos',
      grouped: 'Produtos agrupados',
    },
    taglines: ['verão', 'edição especial', 'coração', 'lançamento'],
    description: 'Feito com cuidado em materiais duráveis, ideal para o dia a dia.',
    short: 'Um clássico para todos os dias.',
  },
  sv: {
    types: {
      simple: 'Enkel produkt',
      configurable: 'Konfigurerbar produkt',
      virtual: 'Virtuell produkt',
      downloadable: 'Nedladdningsbar produkt',
      bundle: 'Produktpaket',
      grouped: 'Grupperad produkt',
    },
    taglines: ['sommar', 'höst', 'vår', 'kvalité'],
    description: 'Omsorgsfullt tillverkad av hållbara material, för vardagsbruk.',
    short: 'En favorit för varje dag.',
  },
};

const DESCRIPTION_SENTENCES = [
  'Made from durable materials for everyday use.',
  'Designed for comfort and a great fit.',
  'Easy to care for and built to last.',
  'A versatile piece that works in every season.',
  'Lightweight, breathable and quick to dry.',
];

/** `<p>` description of the admin (store 0) values; the sentence index keeps it varied but cheap. */
export function adminDescription(name: string, k: number): string {
  const a = DESCRIPTION_SENTENCES[k % DESCRIPTION_SENTENCES.length]!;
  const b = DESCRIPTION_SENTENCES[(k + 2) % DESCRIPTION_SENTENCES.length]!;
  return `<p>${name}. ${a}</p><p>${b}</p>`;
}

export interface LocalizedTexts {
  readonly name: string;
  readonly description: string;
  readonly shortDescription: string;
  readonly urlKey: string;
}

/** The store-view override texts of a product in a locale (e.g. `fr_FR`); unknown languages fall back to English. */
export function localizedTexts(locale: string, type: ProductType, label: string, k: number): LocalizedTexts {
  const lang = LANGUAGES[locale.slice(0, 2)] ?? LANGUAGES['en']!;
  const name = `${lang.types[type]} ${label} – ${lang.taglines[k % lang.taglines.length]!}`;
  return {
    name,
    description: `<p>${name}. ${lang.description}</p>`,
    shortDescription: `<p>${lang.short}</p>`,
    urlKey: slugify(name),
  };
}

/** Magento-like URL key: accents folded, lower case, runs of other characters turned into one dash. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

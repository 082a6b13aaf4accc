/**
 * Vocabulary for generated attributes, options and categories, with small translation tables so store-view labels
 * look translated (and carry accents) instead of repeating the admin label.
 */

/** Languages we have translations for (the first two letters of a store's locale). */
export type Language = 'fr' | 'de' | 'es' | 'it' | 'nl' | 'pt' | 'sv';

const LANGUAGES: readonly Language[] = ['fr', 'de', 'es', 'it', 'nl', 'pt', 'sv'];

/** The store's language when we can translate into it; undefined for English and unknown locales. */
export function languageOf(locale: string): Language | undefined {
  const lang = locale.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : undefined;
}

type Translations = Readonly<Record<Language, string>>;

function t(fr: string, de: string, es: string, it: string, nl: string, pt: string, sv: string): Translations {
  return { fr, de, es, it, nl, pt, sv };
}

/** Attribute and category labels. */
const LABELS: Readonly<Record<string, Translations>> = {
  Category: t('Catégorie', 'Kategorie', 'Categoría', 'Categoria', 'Categorie', 'Categoria', 'Kategori'),
  Material: t('Matière', 'Material', 'Material', 'Materiale', 'Materiaal', 'Material', 'Material'),
  Pattern: t('Motif', 'Muster', 'Estampado', 'Fantasia', 'Patroon', 'Padrão', 'Mönster'),
  Style: t('Style', 'Stil', 'Estilo', 'Stile', 'Stijl', 'Estilo', 'Stil'),
  Season: t('Saison', 'Saison', 'Temporada', 'Stagione', 'Seizoen', 'Estação', 'Säsong'),
  Finish: t('Finition', 'Oberfläche', 'Acabado', 'Finitura', 'Afwerking', 'Acabamento', 'Finish'),
  Fit: t('Coupe', 'Passform', 'Corte', 'Vestibilità', 'Pasvorm', 'Caimento', 'Passform'),
  Occasion: t('Occasion', 'Anlass', 'Ocasión', 'Occasione', 'Gelegenheid', 'Ocasião', 'Tillfälle'),
  Climate: t('Climat', 'Klima', 'Clima', 'Clima', 'Klimaat', 'Clima', 'Klimat'),
  Gender: t('Genre', 'Geschlecht', 'Género', 'Genere', 'Geslacht', 'Gênero', 'Kön'),
  Origin: t('Origine', 'Herkunft', 'Origen', 'Origine', 'Herkomst', 'Origem', 'Ursprung'),
  Color: t('Couleur', 'Farbe', 'Color', 'Colore', 'Kleur', 'Cor', 'Färg'),
  Size: t('Taille', 'Größe', 'Talla', 'Taglia', 'Maat', 'Tamanho', 'Storlek'),
  'Model Number': t(
    'Numéro de modèle',
    'Modellnummer',
    'Número de modelo',
    'Numero di modello',
    'Modelnummer',
    'Número do modelo',
    'Modellnummer',
  ),
  'Eco Friendly': t(
    'Écologique',
    'Umweltfreundlich',
    'Ecológico',
    'Ecologico',
    'Milieuvriendelijk',
    'Ecológico',
    'Miljövänlig',
  ),
  Features: t(
    'Caractéristiques',
    'Merkmale',
    'Características',
    'Caratteristiche',
    'Kenmerken',
    'Características',
    'Egenskaper',
  ),
  'Recycling Fee': t(
    'Éco-participation',
    'Recyclinggebühr',
    'Tasa de reciclaje',
    'Contributo RAEE',
    'Recyclingbijdrage',
    'Taxa de reciclagem',
    'Återvinningsavgift',
  ),
};

/** Option values (admin labels) that have translations; others keep their admin label in every store. */
const VALUES: Readonly<Record<string, Translations>> = {
  Cotton: t('Coton', 'Baumwolle', 'Algodón', 'Cotone', 'Katoen', 'Algodão', 'Bomull'),
  Wool: t('Laine', 'Wolle', 'Lana', 'Lana', 'Wol', 'Lã', 'Ull'),
  Leather: t('Cuir', 'Leder', 'Cuero', 'Pelle', 'Leer', 'Couro', 'Läder'),
  Silk: t('Soie', 'Seide', 'Seda', 'Seta', 'Zijde', 'Seda', 'Siden'),
  Linen: t('Lin', 'Leinen', 'Lino', 'Lino', 'Linnen', 'Linho', 'Linne'),
  Velvet: t('Velours', 'Samt', 'Terciopelo', 'Velluto', 'Fluweel', 'Veludo', 'Sammet'),
  Striped: t('Rayé', 'Gestreift', 'A rayas', 'A righe', 'Gestreept', 'Listrado', 'Randig'),
  Checked: t('À carreaux', 'Kariert', 'A cuadros', 'A quadri', 'Geruit', 'Xadrez', 'Rutig'),
  Floral: t('Fleuri', 'Geblümt', 'Floral', 'Floreale', 'Bloemen', 'Floral', 'Blommig'),
  Dotted: t('À pois', 'Gepunktet', 'De lunares', 'A pois', 'Gestippeld', 'De bolinhas', 'Prickig'),
  Solid: t('Uni', 'Einfarbig', 'Liso', 'Tinta unita', 'Effen', 'Liso', 'Enfärgad'),
  Casual: t('Décontracté', 'Lässig', 'Informal', 'Casual', 'Casual', 'Casual', 'Avslappnad'),
  Elegant: t('Élégant', 'Elegant', 'Elegante', 'Elegante', 'Elegant', 'Elegante', 'Elegant'),
  Sporty: t('Sportif', 'Sportlich', 'Deportivo', 'Sportivo', 'Sportief', 'Esportivo', 'Sportig'),
  Classic: t('Classique', 'Klassisch', 'Clásico', 'Classico', 'Klassiek', 'Clássico', 'Klassisk'),
  Modern: t('Moderne', 'Modern', 'Moderno', 'Moderno', 'Modern', 'Moderno', 'Modern'),
  Spring: t('Printemps', 'Frühling', 'Primavera', 'Primavera', 'Lente', 'Primavera', 'Vår'),
  Summer: t('Été', 'Sommer', 'Verano', 'Estate', 'Zomer', 'Verão', 'Sommar'),
  Autumn: t('Automne', 'Herbst', 'Otoño', 'Autunno', 'Herfst', 'Outono', 'Höst'),
  Winter: t('Hiver', 'Winter', 'Invierno', 'Inverno', 'Winter', 'Inverno', 'Vinter'),
  Matte: t('Mat', 'Matt', 'Mate', 'Opaco', 'Mat', 'Fosco', 'Matt'),
  Glossy: t('Brillant', 'Glänzend', 'Brillante', 'Lucido', 'Glanzend', 'Brilhante', 'Blank'),
  Slim: t('Ajusté', 'Schmal', 'Entallado', 'Aderente', 'Slank', 'Justo', 'Smal'),
  Regular: t('Normal', 'Normal', 'Normal', 'Regolare', 'Normaal', 'Regular', 'Normal'),
  Loose: t('Ample', 'Weit', 'Holgado', 'Largo', 'Los', 'Solto', 'Lös'),
  Wedding: t('Mariage', 'Hochzeit', 'Boda', 'Matrimonio', 'Bruiloft', 'Casamento', 'Bröllop'),
  Party: t('Soirée', 'Party', 'Fiesta', 'Festa', 'Feest', 'Festa', 'Fest'),
  Office: t('Bureau', 'Büro', 'Oficina', 'Ufficio', 'Kantoor', 'Escritório', 'Kontor'),
  Travel: t('Voyage', 'Reise', 'Viaje', 'Viaggio', 'Reizen', 'Viagem', 'Resa'),
  Warm: t('Chaud', 'Warm', 'Cálido', 'Caldo', 'Warm', 'Quente', 'Varm'),
  Cold: t('Froid', 'Kalt', 'Frío', 'Freddo', 'Koud', 'Frio', 'Kall'),
  Rainy: t('Pluvieux', 'Regnerisch', 'Lluvioso', 'Piovoso', 'Regenachtig', 'Chuvoso', 'Regnig'),
  Women: t('Femme', 'Damen', 'Mujer', 'Donna', 'Dames', 'Feminino', 'Dam'),
  Men: t('Homme', 'Herren', 'Hombre', 'Uomo', 'Heren', 'Masculino', 'Herr'),
  Unisex: t('Unisexe', 'Unisex', 'Unisex', 'Unisex', 'Uniseks', 'Unissex', 'Unisex'),
  Kids: t('Enfant', 'Kinder', 'Niños', 'Bambini', 'Kinderen', 'Infantil', 'Barn'),
  Germany: t('Allemagne', 'Deutschland', 'Alemania', 'Germania', 'Duitsland', 'Alemanha', 'Tyskland'),
  Italy: t('Italie', 'Italien', 'Italia', 'Italia', 'Italië', 'Itália', 'Italien'),
  Spain: t('Espagne', 'Spanien', 'España', 'Spagna', 'Spanje', 'Espanha', 'Spanien'),
  Waterproof: t(
    'Imperméable',
    'Wasserdicht',
    'Impermeable',
    'Impermeabile',
    'Waterdicht',
    'Impermeável',
    'Vattentät',
  ),
  Lightweight: t('Léger', 'Leicht', 'Ligero', 'Leggero', 'Lichtgewicht', 'Leve', 'Lätt'),
  Breathable: t('Respirant', 'Atmungsaktiv', 'Transpirable', 'Traspirante', 'Ademend', 'Respirável', 'Andas'),
  Black: t('Noir', 'Schwarz', 'Negro', 'Nero', 'Zwart', 'Preto', 'Svart'),
  White: t('Blanc', 'Weiß', 'Blanco', 'Bianco', 'Wit', 'Branco', 'Vit'),
  Red: t('Rouge', 'Rot', 'Rojo', 'Rosso', 'Rood', 'Vermelho', 'Röd'),
  Blue: t('Bleu', 'Blau', 'Azul', 'Blu', 'Blauw', 'Azul', 'Blå'),
  Green: t('Vert', 'Grün', 'Verde', 'Verde', 'Groen', 'Verde', 'Grön'),
  Yellow: t('Jaune', 'Gelb', 'Amarillo', 'Giallo', 'Geel', 'Amarelo', 'Gul'),
  Gray: t('Gris', 'Grau', 'Gris', 'Grigio', 'Grijs', 'Cinza', 'Grå'),
  Orange: t('Orange', 'Orange', 'Naranja', 'Arancione', 'Oranje', 'Laranja', 'Orange'),
  Purple: t('Violet', 'Lila', 'Morado', 'Viola', 'Paars', 'Roxo', 'Lila'),
  Pink: t('Rose', 'Rosa', 'Rosa', 'Rosa', 'Roze', 'Rosa', 'Rosa'),
  Brown: t('Marron', 'Braun', 'Marrón', 'Marrone', 'Bruin', 'Marrom', 'Brun'),
  Beige: t('Beige', 'Beige', 'Beis', 'Beige', 'Beige', 'Bege', 'Beige'),
};

/** A user-defined select attribute family: label and option values (admin labels). */
export interface SelectFamily {
  readonly code: string;
  readonly label: string;
  readonly values: readonly string[];
}

export const SELECT_FAMILIES: readonly SelectFamily[] = [
  {
    code: 'material',
    label: 'Material',
    values: [
      'Cotton',
      'Polyester',
      'Wool',
      'Leather',
      'Silk',
      'Linen',
      'Denim',
      'Nylon',
      'Cashmere',
      'Bamboo',
      'Hemp',
      'Suede',
      'Velvet',
      'Fleece',
      'Spandex',
    ],
  },
  {
    code: 'pattern',
    label: 'Pattern',
    values: [
      'Solid',
      'Striped',
      'Checked',
      'Floral',
      'Dotted',
      'Geometric',
      'Animal Print',
      'Camouflage',
      'Paisley',
      'Plaid',
      'Abstract',
      'Houndstooth',
      'Herringbone',
      'Chevron',
      'Tie-Dye',
    ],
  },
  {
    code: 'style',
    label: 'Style',
    values: [
      'Casual',
      'Classic',
      'Sporty',
      'Elegant',
      'Vintage',
      'Modern',
      'Bohemian',
      'Minimalist',
      'Streetwear',
      'Preppy',
      'Rustic',
      'Retro',
      'Urban',
      'Chic',
      'Formal',
    ],
  },
  {
    code: 'season',
    label: 'Season',
    values: [
      'Spring',
      'Summer',
      'Autumn',
      'Winter',
      'All Seasons',
      'Spring/Summer',
      'Autumn/Winter',
      'Holiday',
      'Resort',
      'Pre-Fall',
      'Festival',
      'Back to School',
      'Transitional',
      'Monsoon',
      'Ski',
    ],
  },
  {
    code: 'finish',
    label: 'Finish',
    values: [
      'Matte',
      'Glossy',
      'Satin',
      'Brushed',
      'Polished',
      'Textured',
      'Metallic',
      'Pearl',
      'Distressed',
      'Lacquered',
      'Oiled',
      'Waxed',
      'Anodized',
      'Powder Coated',
      'Raw',
    ],
  },
  {
    code: 'fit',
    label: 'Fit',
    values: [
      'Slim',
      'Regular',
      'Loose',
      'Relaxed',
      'Oversized',
      'Tailored',
      'Athletic',
      'Skinny',
      'Straight',
      'Bootcut',
      'Wide Leg',
      'Tapered',
      'Cropped',
      'Boxy',
      'Fitted',
    ],
  },
  {
    code: 'occasion',
    label: 'Occasion',
    values: [
      'Wedding',
      'Party',
      'Office',
      'Travel',
      'Outdoor',
      'Gym',
      'Beach',
      'Lounge',
      'Date Night',
      'Graduation',
      'Interview',
      'Hiking',
      'Yoga',
      'Running',
      'Everyday',
    ],
  },
  {
    code: 'climate',
    label: 'Climate',
    values: [
      'Warm',
      'Cold',
      'Rainy',
      'Windy',
      'Mild',
      'Hot',
      'Humid',
      'Dry',
      'Cool',
      'Snowy',
      'Indoor',
      'All-Weather',
      'Spring',
      'Tropical',
      'Arctic',
    ],
  },
  {
    code: 'gender',
    label: 'Gender',
    values: [
      'Women',
      'Men',
      'Unisex',
      'Kids',
      'Girls',
      'Boys',
      'Baby',
      'Teens',
      'Adults',
      'Seniors',
      'Toddlers',
      'Juniors',
      'Maternity',
      'Plus',
      'Petite',
    ],
  },
  {
    code: 'origin',
    label: 'Origin',
    values: [
      'Germany',
      'Italy',
      'Spain',
      'Portugal',
      'France',
      'Japan',
      'Vietnam',
      'India',
      'Turkey',
      'Mexico',
      'Peru',
      'Morocco',
      'Poland',
      'Romania',
      'Bangladesh',
    ],
  },
];

export const FEATURE_VALUES: readonly string[] = [
  'Waterproof',
  'Lightweight',
  'Breathable',
  'Recycled Materials',
  'Wrinkle Resistant',
  'Quick Dry',
];

/** Colors of the `color` attribute with their visual swatch. */
export const COLORS: readonly (readonly [string, string])[] = [
  ['Black', '#000000'],
  ['White', '#ffffff'],
  ['Red', '#ff0000'],
  ['Blue', '#1857f7'],
  ['Green', '#53a828'],
  ['Yellow', '#ffd500'],
  ['Gray', '#8f8f8f'],
  ['Orange', '#eb6703'],
  ['Purple', '#ef3dff'],
  ['Pink', '#ff8fc6'],
  ['Brown', '#945454'],
  ['Beige', '#f5f5dc'],
  ['Navy', '#1f2a55'],
  ['Olive', '#808000'],
  ['Teal', '#008080'],
];

/** Sizes in display order; a profile's N sizes are a window around the middle. */
export const SIZES: readonly string[] = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL', '5XL'];

/** A label in the language (if we have it), else the label itself; a numbered label ("Material 2") keeps its number. */
export function translateLabel(label: string, lang: Language): string {
  const [, base = label, suffix = ''] = /^(.*?)((?: \d+)?)$/.exec(label) ?? [];
  return (LABELS[base]?.[lang] ?? base) + suffix;
}

/** An option value in the language, or undefined when we have no translation (then no store label is written). */
export function translateValue(value: string, lang: Language): string | undefined {
  return VALUES[value]?.[lang];
}

/** A url_key: accents folded (é → e, ß → ss), lower case, runs of other characters → '-'. */
export function slugify(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

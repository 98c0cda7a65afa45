/** The demo store's range: a small French-flavoured clothing brand. Prices in euro cents. */

export type Silhouette =
  | 'top' | 'jacket' | 'trousers' | 'sweater' | 'shoes' | 'coat' | 'beret' | 'scarf' | 'dress'
  | 'gift-card' | 'bag' | 'socks';

export type Colour = { name: string; code: string; hex: string };

export type ProductDef = {
  handle: string;
  title: string;
  productType: string;
  tags: string[];
  silhouette: Silhouette;
  skuPrefix: string;
  price: number;
  /** Set for marked-down items: the price before the sale. */
  compareAtPrice?: number;
  sizes: string[];
  /** Name of the option holding `sizes` ("Size" unless said otherwise). */
  sizeOption?: string;
  /** Per-size prices, for gift card denominations. */
  priceBySize?: Record<string, number>;
  colours: Colour[];
  giftCard?: boolean;
  /** SKUs sold out, so exchanges meet real stock limits. */
  soldOut?: string[];
  /** SKUs down to their last unit, so an exchange can say "only 1 left" and race for it. */
  lastUnit?: string[];
  /** Keep selling when stock runs out (pre-orders). */
  continueSelling?: boolean;
  description: string;
};

const NAVY = { name: 'Navy', code: 'NAV', hex: '#1f3a5f' };
const RED = { name: 'Red', code: 'RED', hex: '#b22d2d' };
const BORDEAUX = { name: 'Bordeaux', code: 'BDX', hex: '#6d1f2f' };

export const PRODUCT_DEFS: ProductDef[] = [
  {
    handle: 'mariniere-saint-malo', title: 'Marinière Saint-Malo', productType: 'Tops',
    tags: ['breton', 'cotton', 'bestseller'], silhouette: 'top', skuPrefix: 'MAR', price: 4500,
    sizes: ['XS', 'S', 'M', 'L', 'XL'], colours: [NAVY, RED],
    soldOut: ['MAR-NAV-XS', 'MAR-RED-L'],
    lastUnit: ['MAR-NAV-XL'],
    description: 'The striped Breton top, in heavy organic cotton knitted in Brittany.',
  },
  {
    handle: 'vareuse-pecheur', title: 'Vareuse Pêcheur', productType: 'Jackets',
    tags: ['canvas', 'workwear'], silhouette: 'jacket', skuPrefix: 'VAR', price: 8900,
    sizes: ['S', 'M', 'L', 'XL'], colours: [NAVY, { name: 'Ochre', code: 'OCH', hex: '#c8902f' }],
    soldOut: ['VAR-OCH-M'],
    description: 'A fisherman smock in washed cotton canvas with a kangaroo pocket.',
  },
  {
    handle: 'chino-leger', title: 'Chino Léger', productType: 'Trousers',
    tags: ['cotton', 'summer'], silhouette: 'trousers', skuPrefix: 'CHI', price: 7900,
    sizes: ['38', '40', '42', '44', '46'],
    colours: [{ name: 'Sand', code: 'SAN', hex: '#cdb892' }, { name: 'Olive', code: 'OLI', hex: '#6b6b3a' }],
    soldOut: ['CHI-SAN-42'],
    description: 'Lightweight straight-leg chinos in garment-dyed twill.',
  },
  {
    handle: 'pull-camionneur', title: 'Pull Camionneur', productType: 'Knitwear',
    tags: ['merino', 'winter'], silhouette: 'sweater', skuPrefix: 'PUL', price: 12000,
    sizes: ['S', 'M', 'L'], colours: [{ name: 'Heather Grey', code: 'GRY', hex: '#9a9a9a' }, BORDEAUX],
    soldOut: ['PUL-BDX-S'],
    description: 'A half-zip merino sweater with a suede-trimmed collar.',
  },
  {
    handle: 'espadrilles-toile', title: 'Espadrilles en Toile', productType: 'Shoes',
    tags: ['summer', 'made-in-france'], silhouette: 'shoes', skuPrefix: 'ESP', price: 3900,
    sizes: ['38', '39', '40', '41', '42', '43'], colours: [{ name: 'Natural', code: 'NAT', hex: '#e6d8b8' }],
    soldOut: ['ESP-NAT-41'],
    description: 'Hand-stitched canvas espadrilles on a jute sole, made in Mauléon.',
  },
  {
    handle: 'trench-rive-gauche', title: 'Trench Rive Gauche', productType: 'Coats',
    tags: ['gabardine'], silhouette: 'coat', skuPrefix: 'TRE', price: 26000,
    sizes: ['S', 'M', 'L'], colours: [{ name: 'Beige', code: 'BEI', hex: '#c9a97c' }],
    description: 'A double-breasted cotton gabardine trench coat.',
  },
  {
    handle: 'beret-laine', title: 'Béret en Laine', productType: 'Accessories',
    tags: ['wool', 'made-in-france'], silhouette: 'beret', skuPrefix: 'BER', price: 2900,
    sizes: [], colours: [{ name: 'Black', code: 'BLK', hex: '#222222' }, BORDEAUX],
    description: 'A felted merino wool beret from the Béarn.',
  },
  {
    handle: 'foulard-soie', title: 'Foulard en Soie', productType: 'Accessories',
    tags: ['silk', 'final-sale', 'outlet'], silhouette: 'scarf', skuPrefix: 'FOU', price: 4500,
    compareAtPrice: 6500, sizes: [], colours: [{ name: 'Paisley Blue', code: 'PAI', hex: '#2f6f8f' }],
    description: 'A printed silk twill scarf. Outlet item: final sale, no returns or exchanges.',
  },
  {
    handle: 'robe-lin', title: 'Robe en Lin', productType: 'Dresses',
    tags: ['linen', 'final-sale', 'outlet'], silhouette: 'dress', skuPrefix: 'ROB', price: 5900,
    compareAtPrice: 9500, sizes: ['XS', 'S', 'M', 'L'],
    colours: [{ name: 'White', code: 'WHT', hex: '#f3efe6' }, { name: 'Sage', code: 'SAG', hex: '#9caf88' }],
    soldOut: ['ROB-SAG-S'],
    description: 'A washed linen midi dress. Outlet item: final sale, no returns or exchanges.',
  },
  {
    handle: 'carte-cadeau', title: 'Carte Cadeau Comptoir', productType: 'Gift Cards',
    tags: ['gift-card'], silhouette: 'gift-card', skuPrefix: 'GC', price: 5000,
    sizes: ['€25', '€50', '€100'], sizeOption: 'Amount', colours: [], giftCard: true,
    priceBySize: { '€25': 2500, '€50': 5000, '€100': 10000 },
    description: 'A digital gift card, sent by email and valid for one year.',
  },
  {
    handle: 'tote-comptoir', title: 'Tote Bag Comptoir', productType: 'Bags',
    tags: ['canvas'], silhouette: 'bag', skuPrefix: 'TOT', price: 1900,
    sizes: [], colours: [{ name: 'Ecru', code: 'ECR', hex: '#efe6d2' }],
    continueSelling: true,
    description: 'A heavy canvas tote with the Comptoir anchor.',
  },
  {
    handle: 'chaussettes-rayees', title: 'Chaussettes Rayées', productType: 'Socks',
    tags: ['cotton'], silhouette: 'socks', skuPrefix: 'CHA', price: 1500,
    sizes: ['36-40', '41-45'], colours: [NAVY, RED],
    description: 'Striped combed-cotton socks, knitted in Troyes.',
  },
  {
    handle: 'bandana-marin', title: 'Bandana Marin', productType: 'Accessories',
    tags: ['cotton'], silhouette: 'scarf', skuPrefix: 'BAN', price: 1200,
    sizes: [], colours: [NAVY],
    description: 'A printed cotton bandana: worth less than the way back, so a return keeps it.',
  },
  {
    // A second top within 20 % of the Marinière's price: an exchange across products, with a difference to pay.
    handle: 'polo-marin', title: 'Polo Marin', productType: 'Tops',
    tags: ['cotton'], silhouette: 'top', skuPrefix: 'POL', price: 4900,
    sizes: ['S', 'M', 'L', 'XL'], colours: [NAVY],
    description: 'A piqué cotton polo with a striped collar.',
  },
];

/** SKU of one variant: prefix, colour code, size (either may be absent). */
export function skuOf(def: ProductDef, colour: Colour | undefined, size: string | undefined): string {
  return [def.skuPrefix, colour?.code, size?.replace(/^€/, '')].filter(Boolean).join('-');
}

/** File name of the generated picture for one product colour. */
export function imageFileOf(def: ProductDef, colour: Colour | undefined): string {
  return `${def.handle}${colour ? `-${colour.code.toLowerCase()}` : ''}.svg`;
}

export type ProductImageSpec = { file: string; silhouette: Silhouette; hex: string; label: string };

/** Every product picture the sandbox can serve (independent of time, so no seed is needed). */
export function listProductImages(): ProductImageSpec[] {
  return PRODUCT_DEFS.flatMap((def) =>
    (def.colours.length ? def.colours : [undefined]).map((colour) => ({
      file: imageFileOf(def, colour),
      silhouette: def.silhouette,
      hex: colour?.hex ?? '#d9b45a',
      label: colour ? `${def.title} · ${colour.name}` : def.title,
    })),
  );
}

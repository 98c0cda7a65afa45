import { isoTime } from './build-context.server';
import { PRODUCT_DEFS, imageFileOf, skuOf, type Colour, type ProductDef } from './catalog-data.server';
import { digitsFrom, type IdSequence } from './ids.server';
import { money, moneyV2, SHOP_CURRENCY } from './money.server';
import type { GqlObject } from './types.server';

export const SHOP_DOMAIN = 'comptoir-demo.myshopify.com';
const IMAGE_SIZE = 800;

export type Catalog = {
  products: GqlObject[];
  variantsBySku: Map<string, GqlObject>;
};

/** Stock per SKU: derived from the SKU so it never changes, zero for the listed sold-out ones. */
function stockOf(def: ProductDef, sku: string): number {
  if (def.giftCard) return 0;
  if (def.soldOut?.includes(sku)) return 0;
  if (def.lastUnit?.includes(sku)) return 1;
  return 2 + (Number(digitsFrom(`stock:${sku}`, 2)) % 14);
}

function imageOf(def: ProductDef, colour: Colour | undefined, nextId: IdSequence): GqlObject {
  return {
    __typename: 'Image',
    id: nextId('ImageSource'),
    url: `/__sandbox/images/${imageFileOf(def, colour)}`,
    altText: colour ? `${def.title} in ${colour.name.toLowerCase()}` : def.title,
    width: IMAGE_SIZE,
    height: IMAGE_SIZE,
    thumbhash: null,
  };
}

function mediaImageOf(image: GqlObject, nextId: IdSequence): GqlObject {
  return {
    __typename: 'MediaImage',
    id: nextId('MediaImage'),
    alt: image.altText,
    mediaContentType: 'IMAGE',
    status: 'READY',
    mediaErrors: [],
    mediaWarnings: [],
    image,
    preview: { __typename: 'MediaPreviewImage', image, status: 'READY' },
    mimeType: 'image/svg+xml',
  };
}

function buildProduct(def: ProductDef, now: Date, nextId: IdSequence, variantsBySku: Map<string, GqlObject>): GqlObject {
  const created = isoTime(now.getTime() - 400 * 86_400_000);
  const sizeOption = def.sizeOption ?? 'Size';
  const images = new Map((def.colours.length ? def.colours : [undefined]).map((c) => [c?.code, imageOf(def, c, nextId)]));
  const mediaByColour = new Map([...images].map(([code, image]) => [code, mediaImageOf(image, nextId)]));
  const media = [...mediaByColour.values()];
  const product: GqlObject = { __typename: 'Product', id: nextId('Product') };
  const options: GqlObject[] = [];
  const addOption = (name: string, values: string[]) =>
    options.push({
      __typename: 'ProductOption', id: nextId('ProductOption'), name, position: options.length + 1, values,
      optionValues: values.map((value) => ({
        __typename: 'ProductOptionValue', id: nextId('ProductOptionValue'), name: value, hasVariants: true, swatch: null,
      })),
    });
  if (def.sizes.length) addOption(sizeOption, def.sizes);
  if (def.colours.length) addOption('Color', def.colours.map((c) => c.name));
  if (!options.length) addOption('Title', ['Default Title']);

  const variants: GqlObject[] = [];
  for (const colour of def.colours.length ? def.colours : [undefined]) {
    for (const size of def.sizes.length ? def.sizes : [undefined]) {
      const sku = skuOf(def, colour, size);
      const values = [size, colour?.name].filter((v): v is string => v !== undefined);
      const stock = stockOf(def, sku);
      const tracked = !def.giftCard;
      const policy = def.continueSelling ? 'CONTINUE' : 'DENY';
      const variant: GqlObject = {
        __typename: 'ProductVariant',
        id: nextId('ProductVariant'),
        title: values.length ? values.join(' / ') : 'Default Title',
        displayName: `${def.title} - ${values.length ? values.join(' / ') : 'Default Title'}`,
        sku,
        barcode: null,
        position: variants.length + 1,
        price: money(def.priceBySize?.[size ?? ''] ?? def.price),
        compareAtPrice: def.compareAtPrice ? money(def.compareAtPrice) : null,
        availableForSale: !tracked || policy === 'CONTINUE' || stock > 0,
        inventoryQuantity: tracked ? stock : 0,
        sellableOnlineQuantity: tracked ? stock : 0,
        inventoryPolicy: policy,
        inventoryItem: { __typename: 'InventoryItem', id: nextId('InventoryItem'), tracked, sku, requiresShipping: !def.giftCard },
        selectedOptions: values.length
          ? [...(size ? [{ __typename: 'SelectedOption', name: sizeOption, value: size }] : []),
             ...(colour ? [{ __typename: 'SelectedOption', name: 'Color', value: colour.name }] : [])]
          : [{ __typename: 'SelectedOption', name: 'Title', value: 'Default Title' }],
        image: images.get(colour?.code) ?? null,
        // The variant's own media: the picture of its colour.
        media: [mediaByColour.get(colour?.code)].filter(Boolean),
        taxable: !def.giftCard,
        requiresShipping: !def.giftCard,
        createdAt: created,
        updatedAt: created,
        product,
      };
      variants.push(variant);
      variantsBySku.set(sku, variant);
    }
  }
  const prices = variants.map((v) => Math.round(Number(v.price) * 100));
  Object.assign(product, {
    title: def.title,
    handle: def.handle,
    description: def.description,
    descriptionHtml: `<p>${def.description}</p>`,
    productType: def.productType,
    vendor: 'Comptoir',
    tags: def.tags,
    // The demo store groups nothing into collections: exchanges across products go by product type.
    collections: [],
    status: 'ACTIVE',
    isGiftCard: Boolean(def.giftCard),
    createdAt: created,
    updatedAt: created,
    publishedAt: created,
    onlineStoreUrl: `https://${SHOP_DOMAIN}/products/${def.handle}`,
    hasOnlyDefaultVariant: variants.length === 1 && options[0]?.name === 'Title',
    hasOutOfStockVariants: variants.some((v) => !v.availableForSale),
    tracksInventory: !def.giftCard,
    totalInventory: variants.reduce((sum, v) => sum + Number(v.inventoryQuantity), 0),
    options,
    variants,
    featuredMedia: media[0] ?? null,
    media,
    images: [...images.values()],
    priceRangeV2: {
      __typename: 'ProductPriceRangeV2',
      minVariantPrice: moneyV2(Math.min(...prices), SHOP_CURRENCY),
      maxVariantPrice: moneyV2(Math.max(...prices), SHOP_CURRENCY),
    },
  });
  return product;
}

/** Builds the products and variants; timestamps are relative to `now`. */
export function buildCatalog(now: Date, nextId: IdSequence): Catalog {
  const variantsBySku = new Map<string, GqlObject>();
  const products = PRODUCT_DEFS.map((def) => buildProduct(def, now, nextId, variantsBySku));
  return { products, variantsBySku };
}

import { measureGorgiasDelivery, measureSubmitsWithGorgias } from './gorgias';
import { startProcess } from './processes';

/* `tsx bench/gorgias-only.ts [delivery|submits]`: the Gorgias figures alone, for working on them. */
const which = process.argv[2] ?? 'delivery';
const node = process.execPath;
const shopify = await startProcess(node, ['--import', 'tsx', 'app/sandbox/shopify-standalone.ts'], { PORT: '4402', SHOPIFY_BUCKET_MAX: '100000000', SHOPIFY_RESTORE_RATE: '100000000' }, /listening/, 'http://127.0.0.1:4402');
try {
  if (which === 'submits') {
    console.log(await measureSubmitsWithGorgias({ node, portalArgs: ['--import', 'tsx', 'server.ts'], shopifyUrl: shopify.url, portalPort: 4403, gorgiasPort: 4404 }));
  } else {
    console.log(await measureGorgiasDelivery({
      node, shopifyUrl: shopify.url, gorgiasPort: 4405,
      cases: Number(process.env.BENCH_GORGIAS_CASES ?? 20), eventsPerCase: Number(process.env.BENCH_GORGIAS_EVENTS_PER_CASE ?? 10), timeoutSeconds: 300,
    }));
  }
} finally {
  await shopify.stopAndWait();
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a browser downloads per page, read from the Remix build manifest: the entry, the root,
 * the route and every chunk they import, each gzipped as the server sends it.
 */
type ManifestEntry = { module: string; imports?: string[]; css?: string[] };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry & { id: string; parentId?: string }>; url: string };

const gzipBytes = (publicPath: string) => gzipSync(readFileSync(join('public', publicPath))).length;

export function readManifest(buildDir = 'public/build'): Manifest {
  const file = readdirSync(buildDir).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error('No Remix manifest in public/build: run `npm run build` first');
  const source = readFileSync(join(buildDir, file), 'utf8');
  const json = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
  return JSON.parse(json) as Manifest;
}

export type PageWeight = { route: string; jsFiles: number; jsGzip: number; cssGzip: number };

export function measurePage(manifest: Manifest, routeId: string): PageWeight {
  const chain: ManifestEntry[] = [manifest.entry];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`Unknown route ${id}`);
    chain.push(route);
  }
  const js = new Set<string>([manifest.url]);
  const css = new Set<string>();
  for (const entry of chain) {
    js.add(entry.module);
    entry.imports?.forEach((file) => js.add(file));
    entry.css?.forEach((file) => css.add(file));
  }
  const cssFromLinks = readdirSync('public/build/_assets')
    .filter((name) => name.endsWith('.css'))
    .map((name) => `/build/_assets/${name}`);
  cssFromLinks.forEach((file) => css.add(file));
  const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzipBytes(file), 0);
  return { route: routeId, jsFiles: js.size, jsGzip: sum(js), cssGzip: sum(css) };
}

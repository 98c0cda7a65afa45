// Fetches the real Shopify Admin API 2026-10 introspection schema from the npm registry
// (it ships inside @shopify/dev-mcp) and caches it, so the sandbox emulator and the tests
// validate every operation against what Shopify itself serves. Runs on `npm install`.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@shopify/dev-mcp@1.16.0';
const FILE_IN_PACKAGE = 'package/dist/data/admin_2026-10.json.gz';
const SHA256 = 'f3b522f264556925eada700e795e4a002a9cba83444ebcc6c0d724254a0c6593';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.cache', 'shopify', 'admin_2026-10.json.gz');

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

if (existsSync(target) && sha256(target) === SHA256) {
  console.log(`shopify schema: cached at ${target}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'comptoir-schema-'));
try {
  console.log(`shopify schema: fetching ${PACKAGE} from the npm registry…`);
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, FILE_IN_PACKAGE]);
  const extracted = join(work, FILE_IN_PACKAGE);
  const actual = sha256(extracted);
  if (actual !== SHA256) {
    throw new Error(`shopify schema: sha256 mismatch (expected ${SHA256}, got ${actual})`);
  }
  mkdirSync(dirname(target), { recursive: true });
  renameSync(extracted, target);
  console.log(`shopify schema: verified and cached at ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

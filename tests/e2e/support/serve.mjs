// Runs the built app for Playwright on a fresh PGlite folder, deleted again on exit.
// PORT, HOST and any other settings come from the webServer `env` in playwright.config.ts.
// server.ts runs inside this process (through tsx), so the process is named after this file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

if (!existsSync('build/index.js')) {
  console.error('serve: no build/index.js; run `npm run build` first (`npm test` does).');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), `comptoir-e2e-${process.env.PORT}-`));
Object.assign(process.env, { NODE_ENV: 'production', COMPTOIR_DATA_DIR: dataDir, COMPTOIR_LOG: 'silent' });
// server.ts closes the database and exits on SIGTERM, which Playwright sends when the run ends.
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

register();
await import(pathToFileURL('server.ts').href);

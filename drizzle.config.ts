import { defineConfig } from 'drizzle-kit';

// Generation only (`npm run db:generate`): the app applies the committed SQL itself at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './app/db/schema.ts',
  out: './app/db/migrations',
});

import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and applied at start by lib/server/storage/db.ts,
// identically on PGlite and on a PostgreSQL server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/server/storage/schema/*.ts',
  out: './lib/server/storage/migrations',
});

/**
 * The database schema: one file per feature, all re-exported here. Shared by PGlite (embedded) and a PostgreSQL
 * server; migrations are generated from it with `npm run db:generate` into ../migrations.
 */
export * from './jobs';
export * from './upstream';
export * from './shares';
export * from './studio';
export * from './draft-start';
export * from './sets';
export * from './scaling';
export * from './auth';
export * from './lineage';
export * from './previews';
export * from './restore';
export * from './maintenance';
export * from './people';
export * from './curation';
export * from './reviews';
export * from './costs';
export * from './batches';
export * from './api';

/**
 * The public API (/api/v1) and outgoing webhooks (lib/server/api, lib/server/webhooks).
 * Personal access tokens live here rather than in better-auth: its API-key support is a separate plugin this
 * version does not bundle, and it only exists in AUTH_MODE=accounts, while tokens must work in all three modes
 * (the built-in owner of `open` and `password` has no user row). Only a token's SHA-256 is stored.
 */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    /** The person the token acts as (`local` for the built-in owner of open and password modes). */
    personId: text('person_id').notNull(),
    name: text('name').notNull(),
    /** `read` (GET only) or `write` (also creates); the person's role still applies on top. */
    scope: text('scope').$type<'read' | 'write'>().notNull(),
    /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, so its owner can tell tokens apart in the list. */
    tokenHint: text('token_hint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), index('api_tokens_person_idx').on(t.personId)],
);
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Requests per token per fixed window, counted in the database so the limit holds across instances. */
export const apiRateWindows = pgTable(
  'api_rate_windows',
  {
    tokenId: text('token_id').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

/** An address an admin registered to hear about events. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  /** The signing secret, shown once at registration; the receiver needs it to check signatures. */
  secret: text('secret').notNull(),
  /** Event names (lib/webhooks/events.ts) this endpoint receives. */
  events: jsonb('events').$type<string[]>().notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/** One event for one endpoint: sent, retried with backoff for a day, kept with the last answer for the admin. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending (waiting for its next attempt) | delivered | failed (gave up after a day, or the last try failed). */
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The receiver's HTTP status of the last attempt, or null when it never answered. */
    lastStatus: integer('last_status'),
    /** The first KB of the receiver's answer, or why there was none (timeout, refused address). */
    lastResponse: text('last_response'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Studio access: the login attempts the rate limit counts and the live sessions, shared by every instance on one database. */
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per login attempt that failed, or is being checked right now, within the limiter's window. Rows are
 * written only while the limits allow them, so the table never holds more than the overall cap's worth of live rows;
 * older ones are pruned by the next attempt.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: text('id').primaryKey(),
    /** Who is asking, as well as the request tells (`clientKey`). */
    client: text('client').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_at_idx').on(t.at), index('login_attempts_client_idx').on(t.client)],
);

/**
 * Studio sessions that are live. The cookie is still signed (the proxy checks the signature without the database),
 * but a session counts only while its row is here: signing out deletes it, so a copied cookie stops working on every
 * instance at once. Expired rows are pruned at the next login.
 */
export const studioSessions = pgTable(
  'studio_sessions',
  {
    /** SHA-256 of the cookie's random part (the cookie itself is never stored). */
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('studio_sessions_expires_idx').on(t.expiresAt)],
);

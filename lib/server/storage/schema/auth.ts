/** Studio access: the login attempts the rate limit counts, shared by every instance on one database. */
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

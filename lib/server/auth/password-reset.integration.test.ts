/**
 * "Forgot password?" through the real path: better-auth on PGlite makes the token, nodemailer sends the link to a
 * real SMTP server in this test (smtp-server, with a login), and the link received is followed to set a new
 * password. Also: no answer says whether an account exists, the token is stored hashed and works once, the reset
 * ends every session, and requests are rate-limited per email and per address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

const APP_URL = 'http://studio.example.test';
const SMTP_USER = 'studio';
const SMTP_PASSWORD = 'smtp-secret-0123456789';
const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' };

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-reset-'));
const received: Received[] = [];
let logins = 0;
const smtp = new SMTPServer({
  // Plain SMTP with a login on loopback: no certificate to trust in the test.
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    logins++;
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: SMTP_USER });
    else callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

const from = (n: number) => new Headers({ 'x-forwarded-for': `10.1.0.${n}` });

/** The message body as text: quoted-printable soft breaks and escapes undone. */
function bodyText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function waitForMail(count: number): Promise<Received> {
  await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(count), { timeout: 15_000, interval: 50 });
  return received[count - 1]!;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    TOAPIS_API_KEY: '',
    APP_PASSWORD: '',
    AUTH_MODE: 'accounts',
    APP_URL,
    TRUSTED_PROXY: '1',
    SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    SMTP_FROM: 'Overpaint <studio@example.test>',
  });
  processSingleton('server-env', () => undefined).take();
  processSingleton('accounts-auth', () => undefined).take();
  processSingleton('smtp-transport', () => undefined).take();
  await (await import('../storage/db')).getDb();
}, 240_000);

afterAll(async () => {
  processSingleton('accounts-auth', () => undefined).take();
  processSingleton('smtp-transport', () => undefined).take();
  await (await import('../storage/db')).closeDb();
  for (const name of ['AUTH_MODE', 'APP_URL', 'TRUSTED_PROXY', 'SMTP_URL', 'SMTP_FROM']) delete process.env[name];
  processSingleton('server-env', () => undefined).take();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('password reset by mail', () => {
  it('mails a link that sets a new password once, ends every session, and never says who has an account', async () => {
    const { createOwner, signInWithPassword } = await import('./sign-in');
    const { requestResetByMail, resetLinkIsOpen, setNewPassword, MAIL_ON_ITS_WAY } = await import('./password-reset');
    const { getAuth } = await import('./accounts');
    const { actorFromHeaders } = await import('./actor');
    const { getDb } = await import('../storage/db');
    const { authVerifications } = await import('../storage/schema');
    expect((await createOwner(OWNER, from(1))).ok).toBe(true);
    // A session from before the reset, to see it end.
    const signedIn = await (
      await getAuth()
    ).api.signInEmail({
      body: { email: OWNER.email, password: OWNER.password },
      returnHeaders: true,
    });
    const cookie = new Headers({
      cookie: signedIn.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; '),
    });
    expect(await actorFromHeaders(cookie)).toMatchObject({ name: OWNER.name });
    const errors = vi.spyOn(console, 'error');

    // An unknown address gets the same answer, and no mail.
    expect(await requestResetByMail({ email: 'nobody@example.com' }, from(2))).toEqual({ ok: true, data: null });
    expect(await requestResetByMail({ email: ' Olive@Example.com ' }, from(2))).toEqual({ ok: true, data: null });
    const mail = await waitForMail(1);
    expect(received).toHaveLength(1);
    expect(logins).toBe(1);
    expect(mail.to).toEqual([OWNER.email]);
    expect(mail.from).toBe('studio@example.test');
    expect(mail.raw).toMatch(/^Subject: Reset your Overpaint password/m);
    const text = bodyText(mail.raw);
    const link = /http:\/\/studio\.example\.test\/reset\/([A-Za-z0-9]+)\s/.exec(text);
    expect(link, text).not.toBeNull();
    const token = link![1]!;
    expect(text).toContain('expires in 60 minutes');
    expect(MAIL_ON_ITS_WAY).toBe('If an account exists for that email, a link is on its way.');

    // Only the token's hash is stored.
    const db = await getDb();
    const rows = await db.select({ identifier: authVerifications.identifier }).from(authVerifications);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.identifier.includes(token))).toBe(false);

    // Following the link: open, then spent.
    expect(await resetLinkIsOpen(token)).toBe(true);
    expect(await setNewPassword({ token, password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'form:invalid', field: 'password' },
    });
    expect(await setNewPassword({ token, password: 'brand-new-password-2' })).toEqual({ ok: true, data: null });
    expect(await resetLinkIsOpen(token)).toBe(false);
    expect(await setNewPassword({ token, password: 'another-password-3' })).toMatchObject({
      ok: false,
      error: { code: 'auth:reset_invalid' },
    });
    expect(await actorFromHeaders(cookie)).toBeNull();
    expect(await signInWithPassword({ email: OWNER.email, password: OWNER.password }, from(3))).toMatchObject({
      ok: false,
      error: { code: 'auth:wrong_password' },
    });
    expect((await signInWithPassword({ email: OWNER.email, password: 'brand-new-password-2' }, from(3))).ok).toBe(true);

    // Nothing logged the SMTP password or the token.
    const logged = errors.mock.calls.flat().map(String).join('\n');
    expect(logged).not.toContain(SMTP_PASSWORD);
    expect(logged).not.toContain(token);
    errors.mockRestore();
  });

  it('refuses a fourth request within 15 minutes for one email, and for one address', async () => {
    const { requestResetByMail, RESET_REQUEST_LIMITS } = await import('./password-reset');
    const perEmail = await Promise.all(
      Array.from({ length: RESET_REQUEST_LIMITS.perClient }, (_, i) =>
        requestResetByMail({ email: 'target@example.com' }, from(20 + i)),
      ),
    );
    expect(perEmail.every((answer) => answer.ok)).toBe(true);
    expect(await requestResetByMail({ email: 'target@example.com' }, from(30))).toMatchObject({
      ok: false,
      error: { code: 'auth:rate_limited', field: 'email' },
    });
    for (let i = 0; i < RESET_REQUEST_LIMITS.perClient; i++)
      expect((await requestResetByMail({ email: `someone-${i}@example.com` }, from(40))).ok).toBe(true);
    expect(await requestResetByMail({ email: 'someone-else@example.com' }, from(40))).toMatchObject({
      ok: false,
      error: { code: 'auth:rate_limited' },
    });
  });

  it('without SMTP_URL, asks the person to get a link from an admin', async () => {
    const { requestResetByMail, NO_MAIL } = await import('./password-reset');
    delete process.env.SMTP_URL;
    processSingleton('server-env', () => undefined).take();
    try {
      expect(await requestResetByMail({ email: OWNER.email }, from(50))).toEqual({
        ok: false,
        error: { code: 'auth:forbidden', message: NO_MAIL },
      });
    } finally {
      process.env.SMTP_URL = `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      processSingleton('server-env', () => undefined).take();
    }
  });

  it('SMTP_URL without APP_URL stops the start, naming APP_URL and never the SMTP password', async () => {
    const { serverEnv } = await import('../env');
    delete process.env.APP_URL;
    processSingleton('server-env', () => undefined).take();
    try {
      expect(() => serverEnv()).toThrow(/^Invalid configuration: APP_URL: required with SMTP_URL/);
      expect(() => serverEnv()).not.toThrow(new RegExp(SMTP_PASSWORD));
    } finally {
      process.env.APP_URL = APP_URL;
      processSingleton('server-env', () => undefined).take();
    }
  });
});

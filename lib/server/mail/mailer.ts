import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { processSingleton } from '@/lib/process-singleton';
import { serverEnv } from '../env';

/*
 * Outgoing mail over SMTP (SMTP_URL, from SMTP_FROM), through nodemailer. One pooled-less transport per process,
 * made on first use. Every send is bounded (connect, greeting and socket timeouts), and a failure is logged by
 * its code and message only: the SMTP URL carries a password, and no error text here may repeat it.
 */

/** Connecting, the server's greeting and each socket read each give up after this long. */
const SMTP_TIMEOUT_MS = 10_000;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const transport = processSingleton<{ url: string; transporter: Transporter } | undefined>(
  'smtp-transport',
  () => undefined,
);

/** Whether mail can be sent (SMTP_URL is set, in accounts mode). */
export function mailIsConfigured(): boolean {
  return serverEnv().accounts?.smtp !== undefined;
}

function transporter(): Transporter {
  const smtp = serverEnv().accounts?.smtp;
  if (!smtp) throw new Error('Mail is not set up (SMTP_URL)');
  const made = transport.get();
  if (made?.url === smtp.url) return made.transporter;
  const fresh = nodemailer.createTransport(
    {
      url: smtp.url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    },
    { from: smtp.from },
  );
  transport.set({ url: smtp.url, transporter: fresh });
  return fresh;
}

/** Sends one plain-text message; throws a `MailError` (no secret in its message) when the server refuses or is down. */
export async function sendMail(message: MailMessage): Promise<void> {
  try {
    await transporter().sendMail({ to: message.to, subject: message.subject, text: message.text });
  } catch (error) {
    throw new MailError(error);
  }
}

/** A failed send, described by the SMTP error's code and response code only. */
export class MailError extends Error {
  constructor(cause: unknown) {
    const { code, responseCode } = (cause ?? {}) as { code?: unknown; responseCode?: unknown };
    const parts = [
      typeof code === 'string' ? code : 'unknown error',
      typeof responseCode === 'number' ? `SMTP ${responseCode}` : '',
    ];
    super(`The mail server did not take the message (${parts.filter(Boolean).join(', ')})`);
    this.name = 'MailError';
  }
}

// E-mail channel: one message per alert or digest over SMTP (nodemailer), French plain-text
// and HTML bodies, a Message-ID derived from the idempotency key so that a resent message is
// recognizable as the same one.
import { createTransport } from 'nodemailer';
import { VigieError, describeError } from '../../errors.ts';
import { renderEmail, type AlertMessage } from '../message.ts';

/** The part of a nodemailer transport that we use (tests may pass their own). */
export interface Mailer {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
  close(): void;
}

/** Returns a nodemailer SMTP transport for `smtpUrl` (smtp:// or smtps://, credentials in the URL). */
export function createMailer(smtpUrl: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as Parameters<typeof createTransport>[0]);
  return {
    sendMail: (mail) => transport.sendMail(mail),
    close: () => transport.close(),
  };
}

// SMTP errors may quote the server's greeting or our URL: keep credentials out of messages.
function redact(message: string): string {
  return message.replace(/(smtps?:\/\/[^:@/\s]+):[^@/\s]*@/gi, '$1:***@');
}

/** Sends `message` to `to` from `from`, dates shown in `tz`; throws VigieError ('smtp_rejected' is permanent for 5xx answers). */
export async function sendEmail(mailer: Mailer, from: string, to: string, message: AlertMessage, tz: string): Promise<void> {
  const content = renderEmail(message, tz);
  try {
    await mailer.sendMail({
      from,
      to,
      ...content,
      messageId: `<${message.idempotencyKey}@vigie>`,
      headers: { 'X-Vigie-Idempotency-Key': message.idempotencyKey },
    });
  } catch (err) {
    const responseCode = (err as { responseCode?: number }).responseCode;
    const permanent = typeof responseCode === 'number' && responseCode >= 500;
    throw new VigieError(`email: SMTP send to ${to} failed: ${redact(describeError(err))}`, {
      code: permanent ? 'smtp_rejected' : 'smtp',
      permanent,
    });
  }
}

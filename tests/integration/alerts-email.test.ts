// E-mail alerts against a real SMTP server on loopback (smtp-server): an instant alert and a
// daily digest gathering every waiting match into one message, French text intact.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncDigestSchedules } from '../../src/alerts/digest.ts';
import { matchStoredArticles } from '../../src/alerts/match.ts';
import { nextDigestAt } from '../../src/alerts/schedule.ts';
import { validateSubscription } from '../../src/alerts/subscription.ts';
import type { AppDeps } from '../../src/deps.ts';
import { digestSchedulerId } from '../../src/queue/queues.ts';
import { insertSubscription, pauseSubscription } from '../../src/store/alert-subscriptions.ts';
import { startDeliveriesWorker, type DeliveriesWorker } from '../../workers/deliveries.ts';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { waitFor } from '../helpers/processes.ts';
import { clearPrefix, seedArticle, testApp } from './alerts-fixtures.ts';

interface Mail {
  to: string[];
  raw: string;
}

/** Decodes RFC 2047 encoded words (the Subject of a French e-mail). */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** Returns the decoded Subject and text/plain and text/html bodies of a raw MIME message. */
function readMail(raw: string): { subject: string; text: string; html: string; messageId: string } {
  const unfolded = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(unfolded)?.[1] ?? '';
  const part = (type: string) => {
    const m = new RegExp(`Content-Type: ${type}[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*?Content-Transfer-Encoding: ([^\\r\\n]+)\\r?\\n\\r?\\n([\\s\\S]*?)\\r?\\n--`, 'i').exec(raw);
    if (!m) return '';
    const [, encoding, body] = m;
    if (/base64/i.test(encoding)) return Buffer.from(body, 'base64').toString('utf8');
    if (/quoted-printable/i.test(encoding)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  };
  return { subject: decodeWords(header('Subject')), text: part('text/plain'), html: part('text/html'), messageId: header('Message-ID') };
}

const prefix = testQueuePrefix('alerts-email');
const mails: Mail[] = [];
let smtp: SMTPServer;
let db: TestDatabase;
let app: AppDeps;
let deliveries: DeliveriesWorker;

beforeAll(async () => {
  db = await createTestDatabase('alerts_email');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  app = testApp(db, prefix, { VIGIE_SMTP_URL: `smtp://127.0.0.1:${port}`, VIGIE_MAIL_FROM: 'Vigie <veille@vigie.test>' });
  deliveries = startDeliveriesWorker(app);
});

afterAll(async () => {
  await deliveries?.close();
  if (app) {
    await clearPrefix(app, prefix);
    await app.close();
  }
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  await db?.drop();
});

const stage = () => ({ sql: app.sql, queues: app.queues, config: app.config });

describe('e-mail alerts', () => {
  it('sends an instant alert with its French subject, accents and link', async () => {
    const sub = await insertSubscription(
      db.sql,
      validateSubscription({ name: 'Sécurité au Sahel', query: 'sécurité Sahel', channel: 'email', target: 'rédaction@journal.test' }),
      null,
    );
    const id = await seedArticle(db.sql, {
      title: 'Sahel : la sécurité des convois renforcée',
      text: 'Les états-majors du Sahel annoncent des escortes pour la sécurité des convois humanitaires.',
      lang: 'fr',
    });
    await matchStoredArticles(stage(), [id]);
    const mail = await waitFor('the alert e-mail', () => mails.find((m) => m.to.includes('rédaction@journal.test')));
    const { subject, text, html, messageId } = readMail(mail!.raw);
    expect(subject).toBe('[Vigie] « Sécurité au Sahel » : Sahel : la sécurité des convois renforcée');
    expect(text).toContain('L’alerte « Sécurité au Sahel » (requête : sécurité Sahel) a trouvé 1 article.');
    expect(text).toMatch(new RegExp(`https://exemple\\.ml/articles/\\d+-[a-z0-9]+`));
    expect(text).toContain('des escortes pour la sécurité des convois');
    expect(html).toContain('<a href="https://exemple.ml/articles/');
    expect(html).toContain('la <strong>sécurité</strong> des convois');
    expect(messageId).toBe(`<alert-${sub.id}-${id}@vigie>`);
  });

  it('gathers the waiting matches of a daily digest into one message', async () => {
    const sub = await insertSubscription(
      db.sql,
      validateSubscription({
        name: 'Drones en Afrique de l’Ouest',
        query: 'drones OR hélicoptères',
        channel: 'email',
        target: 'analyste@ong.test',
        schedule: { kind: 'daily', at: '07:30', tz: 'Africa/Abidjan' },
      }),
      null,
    );
    const titles = ['Des drones turcs pour Niamey', 'Hélicoptères russes livrés à Bamako', 'Le Burkina Faso reçoit des drones armés'];
    const ids = [];
    for (const title of titles) ids.push(await seedArticle(db.sql, { title, text: `${title}. Détails à suivre.`, lang: 'fr' }));
    ids.push(await seedArticle(db.sql, { title: 'Récolte record de coton', text: 'Aucun rapport avec la défense.', lang: 'fr' }));
    await matchStoredArticles(stage(), ids);
    const waiting = await db.sql`select article_id from alert_matches where subscription_id = ${sub.id} and delivery_id is null`;
    expect(waiting).toHaveLength(3);

    // One job scheduler per digest subscription, at 07:30 in Abidjan, rebuilt idempotently.
    expect(await syncDigestSchedules(stage())).toEqual({ schedulers: 1, removed: 0 });
    expect(await syncDigestSchedules(stage())).toEqual({ schedulers: 1, removed: 0 });
    const scheduler = await app.queues.deliveries.getJobScheduler(digestSchedulerId(sub.id));
    expect(scheduler).toMatchObject({ pattern: '30 7 * * *', tz: 'Africa/Abidjan' });
    expect(scheduler!.next).toBe(nextDigestAt({ kind: 'daily', at: '07:30', tz: 'Africa/Abidjan' }, new Date())!.getTime());

    // What the scheduler enqueues at 07:30, now.
    await app.queues.deliveries.add('digest', { subscriptionId: sub.id });
    const mail = await waitFor('the digest e-mail', () => mails.find((m) => m.to.includes('analyste@ong.test')));
    const { subject, text, html } = readMail(mail!.raw);
    expect(subject).toBe('[Vigie] « Drones en Afrique de l’Ouest » : 3 nouveaux articles');
    for (const title of titles) {
      expect(text).toContain(title);
      expect(html).toContain(title);
    }
    expect(text).not.toContain('coton');
    expect((text.match(/https:\/\/exemple\.ml\/articles\//g) ?? []).length).toBe(3);
    // The message is on the server before the delivery is recorded as sent.
    const d = await waitFor('the digest recorded as sent', async () => {
      const [row] = await db.sql`select status, kind from alert_deliveries where subscription_id = ${sub.id} and status = 'sent'`;
      return row;
    });
    expect(d).toMatchObject({ status: 'sent', kind: 'digest' });
    expect(await db.sql`select 1 from alert_deliveries where subscription_id = ${sub.id}`).toHaveLength(1);

    // A second digest with nothing new sends nothing; pausing removes the scheduler.
    await app.queues.deliveries.add('digest', { subscriptionId: sub.id });
    await pauseSubscription(db.sql, sub.id, 'vacances');
    expect(await syncDigestSchedules(stage())).toEqual({ schedulers: 0, removed: 1 });
    expect(await app.queues.deliveries.getJobScheduler(digestSchedulerId(sub.id))).toBeUndefined();
    await waitFor('queue drained', async () => {
      const c = await app.queues.deliveries.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    });
    expect(mails.filter((m) => m.to.includes('analyste@ong.test'))).toHaveLength(1);
  });
});

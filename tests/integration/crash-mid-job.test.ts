// A worker process killed with SIGKILL in the middle of an article job: the job is taken up
// again by another process once its lock expires, and the article is stored exactly once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { ARTICLE_JOB_OPTIONS, articleJobId, QUEUE_NAMES, createRedis } from '../../src/queue/queues.ts';
import { createTestDatabase, REDIS_URL, testQueuePrefix, type TestDatabase } from '../helpers/db.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../helpers/processes.ts';

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Le Sénégal réceptionne deux patrouilleurs - Le Quotidien de Dakar</title>
<meta property="og:site_name" content="Le Quotidien de Dakar"></head><body>
<nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav>
<article><h1>Le Sénégal réceptionne deux patrouilleurs</h1>
<p>La Marine sénégalaise a réceptionné mardi à Dakar deux patrouilleurs hauturiers commandés
en 2021 au chantier français Piriou, une livraison qui renforce la surveillance des zones de pêche.</p>
<p>« Ces bâtiments nous donnent enfin les moyens de contrôler notre espace maritime », a déclaré
le chef d’état-major, en présence de l’ambassadrice de France. Le contrat, d’un montant de
plusieurs dizaines de millions d’euros, comprend la formation des équipages.</p>
<p>Un troisième navire doit être livré l’an prochain, selon le ministère des Forces armées.</p>
</article><footer>© Le Quotidien de Dakar</footer></body></html>`;

let db: TestDatabase;
let server: Server;
let origin: string;
let requests = 0;
const prefix = testQueuePrefix('crash');
const redis = createRedis(REDIS_URL);
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase('crash');
  server = createServer((req, res) => {
    requests++;
    // The first request never gets its body: the worker is killed while waiting for it.
    if (requests === 1) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html lang="fr"><head>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.drop();
});

describe('a worker killed with SIGKILL mid-job', () => {
  it('is retried by another worker and the article is stored exactly once', async () => {
    const url = `${origin}/senegal/patrouilleurs`;
    const [{ id }] = await db.sql<{ id: number }[]>`
      insert into articles (canonical_url, url, item_title) values (${url}, ${url}, 'Le Sénégal réceptionne deux patrouilleurs')
      returning id`;
    const queue = new Queue(QUEUE_NAMES.articles, { connection: redis, prefix });
    await queue.add('article', { articleId: id }, { ...ARTICLE_JOB_OPTIONS, jobId: articleJobId(url) });
    await queue.close();

    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      VIGIE_QUEUE_PREFIX: prefix,
      VIGIE_FETCH_ALLOWLIST: origin,
      VIGIE_FETCH_TIMEOUT_MS: '120000',
      VIGIE_JOB_LOCK_MS: '2000',
      VIGIE_EXTRACT_THREADS: '1',
    };
    const first = spawnWorker('articles', env);
    workers.push(first);
    await waitFor('the first worker to fetch the page', () => requests >= 1, 45_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const [mid] = await db.sql`select status, attempts from articles where id = ${id}`;
    expect(mid.status).toBe('pending');

    const second = spawnWorker('articles', env);
    workers.push(second);
    const row = await waitFor(
      'the article to be stored by the second worker',
      async () => (await db.sql`select status, text, title, attempts from articles where id = ${id} and status = 'done'`)[0],
      60_000,
    );
    expect(row.text).toContain('« Ces bâtiments nous donnent enfin les moyens de contrôler notre espace maritime »');
    expect(row.text).not.toContain('Accueil');
    expect(row.attempts).toBe(2);
    expect(requests).toBe(2);
    const [{ n }] = await db.sql`select count(*)::int as n from articles where canonical_url = ${url}`;
    expect(n).toBe(1);

    // Graceful shutdown: SIGTERM lets the worker finish and exit 0.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('articles stopped');
  });
});

// `vigie extract` as a child process: FILE decoded by its charset, --jsonl answering each line as it
// arrives (the next line is only written after the previous answer is read), order kept,
// one error line for a bad page, in-thread and with --threads (the worker bootstrap under bin/vigie.js).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = new URL('../fixtures/extract/', import.meta.url);
const children: ChildProcessWithoutNullStreams[] = [];

function page(city: string): string {
  return `<html lang="fr"><head><title>Livraison à ${city} | Dépêches</title></head><body><nav><a href="/">Accueil</a></nav><article><h1>Livraison à ${city}</h1><p>Les autorités de ${city} ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.</p><p>Le contrat prévoit aussi la formation des équipages à ${city}.</p></article></body></html>`;
}

/** Starts `vigie extract --jsonl` and returns a function that sends one line and resolves with its answer. */
function startJsonl(extraArgs: string[]) {
  const child = spawn(process.execPath, ['bin/vigie.js', 'extract', '--jsonl', ...extraArgs], { cwd: ROOT, stdio: 'pipe' });
  children.push(child);
  const answers: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else answers.push(line);
  });
  return {
    ask(request: unknown): Promise<Record<string, unknown>> {
      child.stdin.write(JSON.stringify(request) + '\n');
      return new Promise((resolve) => {
        const ready = answers.shift();
        if (ready !== undefined) resolve(JSON.parse(ready));
        else waiters.push((line) => resolve(JSON.parse(line)));
      });
    },
    async end(): Promise<number | null> {
      child.stdin.end();
      return new Promise((resolve) => child.once('close', (code) => resolve(code)));
    },
  };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('vigie extract --jsonl', () => {
  for (const args of [[], ['--threads', '1', '--timeout-ms', '20000'], ['--dom', 'jsdom'], ['--dom', 'jsdom-reused', '--threads', '1', '--timeout-ms', '20000']]) {
    it(`answers each line in order, one error line for a bad page (${args.join(' ') || 'in-thread'})`, async () => {
      const cli = startJsonl(args);
      const first = await cli.ask({ id: 'p1', url: 'https://ex.fr/bamako', html: page('Bamako') });
      expect(first).toEqual({
        id: 'p1',
        title: 'Livraison à Bamako',
        byline: null,
        published_at: null,
        lang: 'fr',
        site_name: null,
        text: 'Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.\n\nLe contrat prévoit aussi la formation des équipages à Bamako.',
      });
      const bad = await cli.ask({ id: 'p2', url: 'https://ex.fr/vide', html: '<html><body></body></html>' });
      expect(bad).toEqual({ id: 'p2', error: expect.stringContaining('no article') });
      const deep = await cli.ask({ id: 'p3', url: null, html: '<div>'.repeat(5000) });
      expect(deep).toEqual({ id: 'p3', error: expect.stringContaining('deep') });
      const third = await cli.ask({ id: 'p4', url: null, html: page('Niamey') });
      expect(third.id).toBe('p4');
      expect(third.text).toContain('Les autorités de Niamey');
      expect(await cli.end()).toBe(0);
    });
  }

  it('answers a whole batch in input order, with an error line for a line that is not JSON', () => {
    const input = [
      JSON.stringify({ id: 'a', url: null, html: page('Dakar') }),
      'ceci n’est pas du JSON',
      JSON.stringify({ id: 'c', url: null, html: page('Abidjan') }),
      JSON.stringify({ id: 'd', url: null }),
    ].join('\n');
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', '--jsonl'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'c', 'd']);
    expect(lines[0].text).toContain('Les autorités de Dakar');
    expect(lines[1].error).toBeTruthy();
    expect(lines[2].text).toContain('Les autorités de Abidjan');
    expect(lines[3].error).toContain('html');
  });
});

describe('vigie extract --dom', () => {
  // A paragraph inside a table but outside any cell: jsdom moves it before the table (HTML's
  // foster parenting), linkedom leaves it where it was written; the order shows which DOM ran.
  const foster = JSON.stringify({
    id: 't',
    url: null,
    html: '<html lang="fr"><body><article><h1>Livraisons</h1><p>Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.</p><table><tr><td>Tableau des livraisons de blindés</td></tr><p>Paragraphe égaré dans le tableau.</p></table></article></body></html>',
  });
  const strayFirst = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', '--jsonl', ...args], { cwd: ROOT, input: foster, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(result.stderr).toBe('');
    const { text } = JSON.parse(result.stdout) as { text: string };
    return text.indexOf('Paragraphe égaré') < text.indexOf('Tableau des livraisons');
  };

  it('runs Readability on the DOM named by --dom, else by VIGIE_EXTRACT_DOM', () => {
    expect(strayFirst(['--dom', 'jsdom'])).toBe(true);
    expect(strayFirst(['--dom', 'linkedom'], { VIGIE_EXTRACT_DOM: 'jsdom' })).toBe(false);
    expect(strayFirst(['--threads', '1'], { VIGIE_EXTRACT_DOM: 'jsdom-reused' })).toBe(true);
    expect(strayFirst([], { VIGIE_EXTRACT_DOM: 'linkedom' })).toBe(false);
  });

  it('refuses an unknown DOM, naming the accepted ones', () => {
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', '--jsonl', '--dom', 'happy-dom'], { cwd: ROOT, input: foster, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("extract: --dom must be one of jsdom, jsdom-reused, linkedom; got 'happy-dom'");
  });
});

describe('vigie extract FILE', () => {
  it('decodes a windows-1252 file and prints the article as JSON', () => {
    const file = fileURLToPath(new URL('wallonie-licences-1252.html', FIXTURES));
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', file, '--url', 'https://www.gazette-liege.example/w/a.html'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const article = JSON.parse(result.stdout);
    expect(article.title).toBe('Licences d’armes : la Wallonie suspend trois exportations vers l’Arabie saoudite');
    expect(article.siteName).toBe('La Gazette de Liège');
    expect(article.text).toContain('d’une valeur totale estimée à 47 millions d’€.');
    expect(article.text).toContain('faire œuvre de jurisprudence');
  });

  it('fails with a clear message on a missing file', () => {
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', 'absent.html'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('extract: cannot read absent.html');
  });

  it('--help describes both modes', () => {
    const result = spawnSync(process.execPath, ['bin/vigie.js', 'extract', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout).toContain('--jsonl');
    expect(result.stdout).toContain('FILE');
  });
});

// `vigie tag` as a child process: JSON lines in, JSON lines out, same order, deterministic.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEED = fileURLToPath(new URL('../../../../shared/seed-article.txt', import.meta.url));

function runTag(lines: string[]): { status: number | null; out: Record<string, unknown>[]; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vigie.js', 'tag'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
  const out = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, out, stderr: r.stderr };
}

describe('vigie tag', () => {
  const input = [
    JSON.stringify({ id: 'a', title: 'Le Sénégal réceptionne un patrouilleur', text: 'La Marine nationale sénégalaise a pris livraison à Dakar d’un patrouilleur hauturier construit en France.' }),
    JSON.stringify({ id: 'b', title: 'Tempête', text: 'Des rafales de vent à 130 km/h sur la Bretagne.', lang: 'fr' }),
    JSON.stringify({ id: 'c', title: 'Wagner in Libya', text: 'Wagner Group mercenaries still guard oil fields near Sirte, according to UN experts.' }),
  ];

  it('prints one line per input, in order, with topics, evidence and entity ids', () => {
    const { status, out, stderr } = runTag(input);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[0]).toMatchObject({ lang: 'fr', countries: ['FR', 'SN'], regions: [], organizations: [] });
    const topics = out[0].topics as { id: string; score: number; evidence: { text: string; start: number; end: number; rule: string }[] }[];
    expect(topics.map((t) => t.id)).toEqual(['arms_trade']);
    const doc = 'Le Sénégal réceptionne un patrouilleur\n\nLa Marine nationale sénégalaise a pris livraison à Dakar d’un patrouilleur hauturier construit en France.';
    for (const e of topics[0].evidence) expect(doc.slice(e.start, e.end)).toBe(e.text);
    expect(out[1]).toEqual({ id: 'b', lang: 'fr', topics: [], countries: [], regions: [], organizations: [] });
    expect(out[2]).toMatchObject({ lang: 'en', countries: ['LY'], organizations: ['un', 'wagner'] });
    expect((out[2].topics as { id: string }[]).map((t) => t.id)).toEqual(['private_military']);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(runTag(input).out)).toBe(JSON.stringify(runTag(input).out));
  });

  it('names the line of invalid input', () => {
    const { status, stderr } = runTag([input[0], '{not json']);
    expect(status).toBe(2);
    expect(stderr).toContain('tag: stdin line 2 is not valid JSON');
  });

  it.skipIf(!existsSync(SEED))('tags the seed article as issue 3 requires', () => {
    const { out } = runTag([JSON.stringify({ id: 'seed', title: '', text: readFileSync(SEED, 'utf8') })]);
    expect(out[0]).toMatchObject({
      lang: 'fr',
      countries: ['RU', 'ZA'],
      regions: ['africa', 'cis', 'middle_east', 'southeast_asia'],
      organizations: ['rosoboronexport', 'rostec'],
    });
    expect((out[0].topics as { id: string }[]).map((t) => t.id)).toEqual(['arms_trade', 'defense_cooperation', 'defense_industry']);
  });
});

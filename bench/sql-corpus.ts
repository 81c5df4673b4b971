// Synthetic articles at a realistic mix for bench/sql.ts: languages, outlets, two years of dates,
// arms-trade vocabulary and phrases over a long tail of filler words, tags with realistic rates.
// Deterministic (seeded), so that two runs measure the same corpus.

export interface Random {
  (): number;
}

/** Returns a seeded PRNG (mulberry32) yielding numbers in [0, 1). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LANGS: [string, number][] = [['fr', 0.55], ['en', 0.2], ['pt', 0.06], ['es', 0.05], ['de', 0.04], ['ru', 0.05], ['ar', 0.03], ['it', 0.02]];

const DOMAIN: Record<string, string[]> = {
  fr: ['armes', 'armée', 'vente', 'livraison', 'contrat', 'drones', 'hélicoptères', 'sécurité', 'défense', 'Sahel', 'Mali', 'Niger', 'Burkina', 'Russie', 'France', 'Wagner', 'Rosoboronexport', 'blindés', 'munitions', 'embargo', 'trafic', 'coopération', 'militaire', 'junte', 'Bamako', 'Rafale', 'Thales', 'Turquie', 'Baykar', 'missiles'],
  en: ['arms', 'army', 'sale', 'delivery', 'contract', 'drones', 'helicopters', 'security', 'defence', 'Sahel', 'Mali', 'Niger', 'Russia', 'France', 'Wagner', 'Rosoboronexport', 'armoured', 'ammunition', 'embargo', 'trafficking', 'cooperation', 'military', 'junta', 'jets', 'Lockheed', 'Boeing', 'Turkey', 'Baykar', 'missiles', 'exports'],
  pt: ['armas', 'exército', 'venda', 'entrega', 'contrato', 'drones', 'helicópteros', 'segurança', 'defesa', 'Angola', 'Moçambique', 'Rússia', 'Brasil', 'Embraer', 'blindados', 'munições', 'embargo', 'tráfico', 'cooperação', 'militar'],
  es: ['armas', 'ejército', 'venta', 'entrega', 'contrato', 'drones', 'helicópteros', 'seguridad', 'defensa', 'Marruecos', 'Rusia', 'España', 'blindados', 'municiones', 'embargo', 'tráfico', 'cooperación', 'militar', 'Argelia', 'Indra'],
  de: ['Waffen', 'Armee', 'Verkauf', 'Lieferung', 'Vertrag', 'Drohnen', 'Hubschrauber', 'Sicherheit', 'Verteidigung', 'Rheinmetall', 'Munition', 'Rüstungskonzern', 'Exporte', 'Embargo', 'Ukraine', 'Russland', 'Panzer', 'Bundeswehr', 'Kooperation', 'militärisch'],
  ru: ['оружие', 'армия', 'продажа', 'поставка', 'контракт', 'беспилотники', 'вертолёты', 'безопасность', 'оборона', 'Рособоронэкспорт', 'Африка', 'Мали', 'Россия', 'Ростех', 'бронетехника', 'боеприпасы', 'эмбарго', 'сотрудничество', 'военный', 'экспорт'],
  other: ['armi', 'vendita', 'contratto', 'droni', 'elicotteri', 'sicurezza', 'difesa', 'Leonardo', 'Libia', 'militare', 'أسلحة', 'صفقة', 'الجيش', 'الأمن', 'طائرات'],
};

const PHRASES: Record<string, string[]> = {
  fr: ["vente d'armes", "contrat d'armement", 'groupe Wagner', 'Africa Corps', 'aide militaire', "l'armée malienne", 'accord de défense'],
  en: ['arms sales', 'fighter jets', 'arms embargo', 'military aid', 'defence contractor', 'Africa Corps'],
  pt: ['venda de armas', 'contrato de defesa', 'ajuda militar'],
  es: ['venta de armas', 'contrato de defensa', 'ayuda militar'],
  de: ['Lieferung von Waffen', 'militärische Hilfe'],
  ru: ['поставки вооружений', 'военно-техническое сотрудничество'],
  other: ['vendita di armi'],
};

const SYLLABLES = ['ka', 'to', 'ri', 'ne', 'mo', 'la', 'su', 'be', 'di', 'fo', 'gra', 'pel', 'vin', 'cor', 'mar', 'sti', 'qua', 'len', 'dor', 'ble'];
const CYRILLIC = ['ка', 'то', 'ри', 'не', 'мо', 'ла', 'су', 'бе', 'ди', 'фо', 'гра', 'пел', 'вин', 'кор', 'мар', 'сти', 'ква', 'лен', 'дор', 'бле'];
const FILLER_SIZE = 6000;

const TOPICS: [string, number][] = [['arms_trade', 0.18], ['defense_cooperation', 0.08], ['defense_industry', 0.07], ['arms_control', 0.04], ['illicit_arms', 0.04], ['private_military', 0.04], ['military_aid', 0.04]];
const COUNTRIES = ['FR', 'RU', 'ML', 'US', 'NE', 'BF', 'DZ', 'MA', 'SN', 'CI', 'TD', 'CF', 'CD', 'NG', 'ZA', 'AO', 'MZ', 'EG', 'LY', 'SD', 'ET', 'KE', 'CM', 'UA', 'TR', 'CN', 'DE', 'GB', 'IN', 'BR', 'ES', 'IL', 'AE', 'IR', 'PT', 'BE'];
const REGIONS = ['africa', 'sahel', 'maghreb', 'middle_east', 'europe', 'cis', 'southeast_asia', 'latin_america'];
const ORGS = ['rosoboronexport', 'wagner', 'africa_corps', 'un', 'eu', 'african_union', 'ecowas', 'aes', 'nato', 'dassault_aviation', 'thales', 'naval_group', 'baykar', 'rostec', 'rheinmetall', 'lockheed_martin', 'airbus', 'sipri', 'norinco', 'paramount_group'];

export interface Vocabulary {
  words: Record<string, string[]>;
}

function pick<T>(random: Random, list: T[]): T {
  return list[Math.floor(random() * list.length)];
}

// Skewed towards the head of the list (a rough Zipf law).
function pickSkewed<T>(random: Random, list: T[], power = 2.5): T {
  return list[Math.floor(list.length * random() ** power)];
}

/** Returns per-language vocabularies: domain words first (frequent), then a long tail of filler words. */
export function buildVocabulary(random: Random): Vocabulary {
  const words: Record<string, string[]> = {};
  for (const lang of Object.keys(DOMAIN)) {
    const syllables = lang === 'ru' ? CYRILLIC : SYLLABLES;
    const filler = new Set<string>();
    while (filler.size < FILLER_SIZE) {
      const n = 2 + Math.floor(random() * 3);
      filler.add(Array.from({ length: n }, () => pick(random, syllables)).join(''));
    }
    words[lang] = [...filler];
  }
  return { words };
}

export interface SyntheticFeed {
  url: string;
  title: string;
  language: string;
}

/** Returns `count` feeds whose languages follow the article mix. */
export function buildFeeds(random: Random, count: number): SyntheticFeed[] {
  return Array.from({ length: count }, (_, i) => {
    const language = pickLang(random);
    return { url: `https://outlet-${i}.example/${language}/rss.xml`, title: `Outlet ${i} (${language})`, language };
  });
}

function pickLang(random: Random): string {
  let r = random();
  for (const [lang, share] of LANGS) {
    if ((r -= share) < 0) return lang;
  }
  return 'fr';
}

function vocabKey(lang: string): string {
  return lang in DOMAIN ? lang : 'other';
}

function sentence(random: Random, vocab: Vocabulary, key: string, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = random();
    // About one domain word in a hundred: the most frequent ones end up in about a third of the
    // articles, the least frequent in a few percent, as in a general news feed with defence coverage.
    if (r < 0.002) out.push(pick(random, PHRASES[key]));
    else if (r < 0.012) out.push(pickSkewed(random, DOMAIN[key], 2));
    else out.push(pickSkewed(random, vocab.words[key]));
  }
  return out.join(' ');
}

export interface SyntheticArticle {
  feedId: number;
  lang: string;
  title: string;
  text: string;
  status: 'done' | 'pending' | 'failed';
  publishedAt: Date;
  discoveredAt: Date;
  topics: [string, number][];
  entities: [string, string, number][];
}

/** Returns one synthetic article of feed `feedId` (1-based) published within `spanDays` before `now`. */
export function buildArticle(random: Random, vocab: Vocabulary, feeds: SyntheticFeed[], now: Date, spanDays: number): SyntheticArticle {
  const feedId = 1 + Math.floor(random() * feeds.length);
  const lang = feeds[feedId - 1].language;
  const key = vocabKey(lang);
  const paragraphs = 2 + Math.floor(random() * 5);
  const text = Array.from({ length: paragraphs }, () => sentence(random, vocab, key, 30 + Math.floor(random() * 60)) + '.').join('\n\n');
  const published = new Date(now.getTime() - (0.25 + random() * spanDays) * 86_400_000);
  const r = random();
  const topics = TOPICS.filter(([, share]) => random() < share).map(([id]): [string, number] => [id, Math.round((0.4 + random() * 0.6) * 100) / 100]);
  const entities: [string, string, number][] = [];
  const nCountries = random() < 0.8 ? 1 + Math.floor(random() * 3) : 0;
  for (const c of new Set(Array.from({ length: nCountries }, () => pickSkewed(random, COUNTRIES, 1.8)))) entities.push(['country', c, 1 + Math.floor(random() * 4)]);
  if (random() < 0.3) entities.push(['region', pickSkewed(random, REGIONS, 1.5), 1]);
  const nOrgs = random() < 0.2 ? 1 + Math.floor(random() * 2) : 0;
  for (const o of new Set(Array.from({ length: nOrgs }, () => pickSkewed(random, ORGS, 1.6)))) entities.push(['organization', o, 1 + Math.floor(random() * 3)]);
  return {
    feedId,
    lang,
    title: sentence(random, vocab, key, 6 + Math.floor(random() * 8)),
    text,
    status: r < 0.97 ? 'done' : r < 0.99 ? 'failed' : 'pending',
    publishedAt: published,
    discoveredAt: new Date(published.getTime() + random() * 6 * 3_600_000),
    topics,
    entities,
  };
}

/** Returns `value` escaped for PostgreSQL's COPY text format (\N for null). */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

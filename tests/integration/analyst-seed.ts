// A small multilingual corpus inserted directly into the internal tables, for the analyst tests.
// Dates are whole days before today (UTC) at noon, so that "last 30 days" checks never straddle midnight.
import type { Sql } from '../../src/db/client.ts';

export interface SeedArticle {
  key: string;
  lang: string | null;
  feed: number;
  daysAgo: number;
  site: string;
  title: string;
  text: string;
  status?: 'done' | 'pending' | 'failed';
  topics?: [string, number, string][];
  countries?: string[];
  regions?: string[];
  organizations?: [string, number][];
}

export const SEED_FEEDS = [
  { url: 'https://www.lemonde.fr/afrique/rss_full.xml', title: 'Le Monde Afrique', language: 'fr', country: 'FR', failures: 0, polled: true, enabled: true },
  { url: 'https://www.jeuneafrique.com/feed/', title: 'Jeune Afrique', language: 'fr', country: 'FR', failures: 3, polled: true, enabled: true },
  { url: 'https://www.defensenews.com/arc/outboundfeeds/rss/', title: 'Defense News', language: 'en', country: 'US', failures: 0, polled: true, enabled: true },
  { url: 'https://tass.ru/rss/v2.xml', title: 'ТАСС', language: 'ru', country: 'RU', failures: 0, polled: false, enabled: true },
  { url: 'https://www.dw.com/rss/de', title: 'DW', language: 'de', country: 'DE', failures: 0, polled: true, enabled: false },
];

export const SEED_ARTICLES: SeedArticle[] = [
  { key: 'mali-helicos', lang: 'fr', feed: 1, daysAgo: 2, site: 'Le Monde',
    title: 'Le Mali réceptionne des hélicoptères russes',
    text: "Bamako a réceptionné des hélicoptères de combat livrés par Rosoboronexport, dans le cadre d'un contrat d'armement signé avec la Russie. La sécurité au Sahel reste la priorité de la junte.",
    topics: [['arms_trade', 0.92, 'contrat d\'armement'], ['defense_cooperation', 0.41, 'signé avec la Russie']],
    countries: ['ML', 'RU'], regions: ['sahel'], organizations: [['rosoboronexport', 1]] },
  { key: 'africa-corps', lang: 'fr', feed: 2, daysAgo: 5, site: 'Jeune Afrique',
    title: "Le groupe Wagner cède la place à l'Africa Corps au Mali",
    text: "Les mercenaires du groupe Wagner quittent le Mali. L'Africa Corps, placé sous la tutelle du ministère russe de la Défense, prend le relais à Bamako.",
    topics: [['private_military', 0.95, 'mercenaires']],
    countries: ['ML', 'RU'], regions: ['sahel'], organizations: [['wagner', 2], ['africa_corps', 1]] },
  { key: 'rafale-inde', lang: 'fr', feed: 1, daysAgo: 10, site: 'Le Monde',
    title: "Vente d'armes : l'Inde commande 26 Rafale Marine",
    text: "La vente d'armes la plus importante de l'année : Dassault Aviation livrera 26 Rafale Marine à l'Inde. Le contrat a été signé à New Delhi.",
    topics: [['arms_trade', 0.97, "vente d'armes"], ['defense_industry', 0.5, 'Dassault Aviation']],
    countries: ['IN', 'FR'], organizations: [['dassault_aviation', 1]] },
  { key: 'football', lang: 'fr', feed: 1, daysAgo: 3, site: 'Le Monde',
    title: 'Football : le Wydad bat le Raja, Wagner buteur',
    text: "Une rafale de buts au stade Mohammed-V : l'attaquant Wagner a marqué deux fois. La vente d'armes de la défense adverse n'était pas au programme, plaisantait l'entraîneur.",
    countries: ['MA'] },
  { key: 'algeria-jets', lang: 'en', feed: 3, daysAgo: 1, site: 'Defense News',
    title: 'Russia delivers Su-57 fighter jets to Algeria',
    text: 'Rosoboronexport confirmed the first deliveries of fighter jets to Algeria, built by the United Aircraft Corporation. Arms sales to North Africa keep growing.',
    topics: [['arms_trade', 0.96, 'deliveries of fighter jets']],
    countries: ['DZ', 'RU'], regions: ['maghreb'], organizations: [['rosoboronexport', 1], ['uac', 1]] },
  { key: 'sudan-embargo', lang: 'en', feed: 3, daysAgo: 8, site: 'Defense News',
    title: 'UN Security Council renews arms embargo on Sudan',
    text: 'The United Nations Security Council renewed the arms embargo on Darfur for another year. Security experts say weapons keep flowing.',
    topics: [['arms_control', 0.9, 'arms embargo']],
    countries: ['SD'], organizations: [['un', 2]] },
  { key: 'angola', lang: 'pt', feed: 1, daysAgo: 4, site: 'RFI Português',
    title: 'Angola assina contrato de compra de armas com a Rússia',
    text: 'O governo angolano assinou com a Rosoboronexport um contrato de compra de helicópteros e blindados. A segurança regional é o argumento oficial.',
    topics: [['arms_trade', 0.88, 'contrato de compra']],
    countries: ['AO', 'RU'], regions: ['africa'], organizations: [['rosoboronexport', 1]] },
  { key: 'maroc-es', lang: 'es', feed: 1, daysAgo: 6, site: 'El País',
    title: 'Venta de armas españolas a Marruecos',
    text: 'España autorizó la venta de armas y vehículos blindados a Marruecos, según el informe anual de exportaciones de material de defensa.',
    topics: [['arms_trade', 0.85, 'venta de armas']],
    countries: ['ES', 'MA'], regions: ['maghreb'] },
  { key: 'rheinmetall', lang: 'de', feed: 5, daysAgo: 12, site: 'DW',
    title: 'Rheinmetall liefert Munition an die Ukraine',
    text: 'Der Rüstungskonzern Rheinmetall liefert weitere Munition an die Ukraine und baut ein neues Werk. Die Aufträge des Konzerns steigen.',
    topics: [['defense_industry', 0.8, 'Rüstungskonzern'], ['arms_trade', 0.6, 'liefert Munition']],
    countries: ['DE', 'UA'], organizations: [['rheinmetall', 2]] },
  { key: 'tass', lang: 'ru', feed: 4, daysAgo: 3, site: 'ТАСС',
    title: 'Рособоронэкспорт подписал контракты с африканскими странами',
    text: 'Рособоронэкспорт подписал контракты на поставку вооружений с несколькими африканскими странами, сообщил генеральный директор.',
    topics: [['arms_trade', 0.9, 'контракты на поставку вооружений']],
    countries: ['RU'], regions: ['africa'], organizations: [['rosoboronexport', 1]] },
  { key: 'niger-trafic', lang: 'fr', feed: 1, daysAgo: 40, site: 'Le Monde',
    title: "Trafic d'armes au Niger : saisie de fusils d'assaut",
    text: "Les douanes nigériennes ont saisi une cargaison de fusils d'assaut près d'Agadez. Le trafic d'armes alimente l'insécurité au Sahel.",
    topics: [['illicit_arms', 0.93, "trafic d'armes"]],
    countries: ['NE'], regions: ['sahel'] },
  { key: 'burkina-accord', lang: 'fr', feed: 2, daysAgo: 20, site: 'Jeune Afrique',
    title: 'Sécurité : le Burkina Faso et la Russie signent un accord de défense',
    text: "Ouagadougou et Moscou ont signé un accord de coopération militaire prévoyant la formation d'officiers burkinabè.",
    topics: [['defense_cooperation', 0.9, 'accord de coopération militaire']],
    countries: ['BF', 'RU'], regions: ['sahel'] },
  { key: 'eu-aid', lang: 'fr', feed: 1, daysAgo: 15, site: 'Le Monde',
    title: "Aide militaire : l'Union européenne finance des drones pour la Mauritanie",
    text: "La Facilité européenne pour la paix financera des drones de surveillance pour l'armée mauritanienne, a annoncé l'Union européenne.",
    topics: [['military_aid', 0.9, 'Facilité européenne pour la paix'], ['arms_trade', 0.55, 'financera des drones']],
    countries: ['MR'], regions: ['europe', 'sahel'], organizations: [['eu', 2]] },
  { key: 'pending', lang: 'fr', feed: 1, daysAgo: 1, site: 'Le Monde', status: 'pending',
    title: 'Rosoboronexport : article en attente', text: 'Rosoboronexport vente d\'armes Sahel.' },
  { key: 'failed', lang: 'fr', feed: 1, daysAgo: 1, site: 'Le Monde', status: 'failed',
    title: 'Rosoboronexport : article en échec', text: 'Rosoboronexport vente d\'armes Sahel.' },
  { key: 'leonardo', lang: 'it', feed: 1, daysAgo: 7, site: 'Analisi Difesa',
    title: 'Leonardo vende elicotteri alla Nigeria',
    text: "Leonardo ha firmato un contratto per la vendita di elicotteri all'aeronautica nigeriana.",
    topics: [['arms_trade', 0.8, 'vendita di elicotteri']],
    countries: ['NG'], organizations: [['leonardo', 1]] },
  { key: 'senegal-naval', lang: 'fr', feed: 2, daysAgo: 2, site: 'Jeune Afrique',
    title: 'Le Sénégal commande trois patrouilleurs à Naval Group',
    text: "Dakar a passé commande de trois patrouilleurs auprès de Naval Group pour sécuriser ses eaux. Une vente d'armes saluée à Paris.",
    topics: [['arms_trade', 0.9, 'passé commande']],
    countries: ['SN', 'FR'], organizations: [['naval_group', 1]] },
  { key: 'sahel-drones', lang: 'en', feed: 3, daysAgo: 25, site: 'Defense News',
    title: 'Sahel juntas turn to Turkish drones',
    text: 'Mali, Burkina Faso and Niger have all bought Baykar TB2 drones, a sign of Turkey\'s growing arms exports to the Sahel.',
    topics: [['arms_trade', 0.94, 'bought Baykar TB2 drones']],
    countries: ['ML', 'BF', 'NE', 'TR'], regions: ['sahel'], organizations: [['baykar', 1]] },
  { key: 'tchad-armee', lang: 'fr', feed: 1, daysAgo: 9, site: 'Le Monde',
    title: "L'armée tchadienne reçoit des drones turcs",
    text: "L’armée tchadienne a reçu ses premiers drones Baykar, achetés à la Turquie. N'Djamena diversifie ses fournisseurs.",
    topics: [['arms_trade', 0.9, 'achetés à la Turquie']],
    countries: ['TD', 'TR'], organizations: [['baykar', 1]] },
];

/** Returns noon (UTC) `daysAgo` whole days before today. */
export function seedDate(daysAgo: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 12));
}

/** Inserts the seed feeds and articles; returns article ids by key and feed ids by position (1-based). */
export async function seedAnalystCorpus(sql: Sql): Promise<{ ids: Record<string, number>; feedIds: number[] }> {
  const feedIds: number[] = [];
  for (const f of SEED_FEEDS) {
    const [row] = await sql`
      insert into feeds (url, title, language, country, enabled, consecutive_failures, last_polled_at, last_success_at, last_error, last_error_code, last_http_status)
      values (${f.url}, ${f.title}, ${f.language}, ${f.country}, ${f.enabled}, ${f.failures},
              ${f.polled ? seedDate(0) : null}, ${f.polled && f.failures === 0 ? seedDate(0) : null},
              ${f.failures > 0 ? 'fetch: HTTP 503: GET ' + f.url : null}, ${f.failures > 0 ? 'http_status' : null},
              ${f.polled ? (f.failures > 0 ? 503 : 200) : null})
      returning id`;
    feedIds.push(Number(row.id));
  }
  const ids: Record<string, number> = {};
  for (const a of SEED_ARTICLES) {
    const published = seedDate(a.daysAgo);
    const [row] = await sql`
      insert into articles (feed_id, canonical_url, url, status, content_source, title, text, lang, site_name,
                            published_at, discovered_at, word_count, stored_at)
      values (${feedIds[a.feed - 1]}, ${'https://example.org/' + a.key}, ${'https://example.org/' + a.key},
              ${a.status ?? 'done'}, 'page', ${a.title}, ${a.text}, ${a.lang}, ${a.site},
              ${published}, ${new Date(published.getTime() + 3_600_000)}, ${a.text.split(/\s+/).length}, ${published})
      returning id`;
    const id = Number(row.id);
    ids[a.key] = id;
    for (const [topic, score, evidence] of a.topics ?? []) {
      await sql`insert into article_topics (article_id, topic, score, evidence)
                values (${id}, ${topic}, ${score}, ${sql.json([{ text: evidence, start: 0, end: evidence.length, rule: 'seed' }])})`;
    }
    const entities: [string, string, number][] = [
      ...(a.countries ?? []).map((c): [string, string, number] => ['country', c, 1]),
      ...(a.regions ?? []).map((r): [string, string, number] => ['region', r, 1]),
      ...(a.organizations ?? []).map(([o, m]): [string, string, number] => ['organization', o, m]),
    ];
    for (const [kind, entity, mentions] of entities) {
      await sql`insert into article_entities (article_id, kind, entity, mentions) values (${id}, ${kind}, ${entity}, ${mentions})`;
    }
  }
  return { ids, feedIds };
}

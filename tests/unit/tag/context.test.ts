// Article-level mechanisms of topic scoring (issue 3, generalization): the evidence rule (one
// weak cue counts in the title or the lede, not alone in the body), out-of-domain frames (sport,
// history, civil aviation, crime, culture, civilian guns, health, road, consumer goods, combat),
// word order in `all` rules (withinBefore), and years in rule files. Each mechanism is shown
// switched on and off on the same text, so that every test can fail. Texts written for these tests.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleFiles, readRuleFiles, type RuleFile } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

const bundled = readRuleFiles();

/** Returns the bundled rules with a line of topics.yaml replaced (the mechanism switched off). */
function withConfig(key: 'evidence' | 'frames', value: string): CompiledRules {
  const files: RuleFile[] = bundled.map((f) => {
    if (f.path !== 'topics.yaml') return f;
    const content = f.content.replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`);
    if (content === f.content) throw new Error(`topics.yaml has no "${key}:" line`);
    return { path: f.path, content };
  });
  return compileRuleFiles(files);
}

let rules: CompiledRules;
let noFrames: CompiledRules;
let noEvidenceRule: CompiledRules;
beforeAll(() => {
  rules = compileRuleFiles(bundled);
  noFrames = withConfig('frames', '{ minSentences: 1000 }');
  noEvidenceRule = withConfig('evidence', '{ minSentences: 1 }');
});

const topicsOf = (r: CompiledRules, title: string, text: string) => tagArticle({ title, text }, r).topics.map((t) => t.id);

describe('evidence: one weak cue counts in the title or the lede, not alone in the body', () => {
  // [language, title, text, topic]: the weak cue is in the title or the first sentence.
  it.each([
    ['fr (title)', 'Le Niger réceptionne des blindés', 'La cérémonie s’est tenue à Niamey en présence du ministre.', 'arms_trade'],
    ['fr (lede)', 'Cérémonie à Niamey', 'Le Niger a réceptionné jeudi douze blindés. La cérémonie s’est tenue en présence du ministre.', 'arms_trade'],
    ['en (lede)', 'Ceremony in Accra', 'Ghana took delivery of two patrol boats on Monday. The ceremony was attended by the minister.', 'arms_trade'],
    ['pt (title)', 'Angola recebe helicópteros militares', 'A cerimónia decorreu em Luanda na presença do ministro.', 'arms_trade'],
  ])('%s: assigned', (_lang, title, text, topic) => {
    expect(topicsOf(rules, title, text)).toContain(topic);
  });

  // The same kind of cue as a side remark in the body of an article about something else.
  it.each([
    ['fr', 'Élections au Niger : la campagne s’ouvre', 'Les candidats ont tenu leurs premiers meetings à Niamey. Le pays avait réceptionné des blindés en 2019, rappelle un analyste. Le scrutin aura lieu en mars.', 'arms_trade'],
    ['en', 'Ghana opens a new school', 'The school will welcome pupils from next month. Ghana ordered six attack helicopters from Italy last year.', 'arms_trade'],
  ])('%s: a lone weak cue in the body gives no topic', (_lang, title, text, topic) => {
    expect(topicsOf(rules, title, text)).not.toContain(topic);
    expect(topicsOf(noEvidenceRule, title, text)).toContain(topic);
  });

  it('a strong cue alone in the body still counts', () => {
    const text = 'Les candidats ont tenu leurs premiers meetings. Le scrutin aura lieu en mars. Un rapport dénonce un vaste trafic d’armes dans le nord.';
    expect(topicsOf(rules, 'Élections : la campagne s’ouvre', text)).toContain('illicit_arms');
  });
});

describe('frames: an out-of-domain article keeps only strong cues', () => {
  // [frame, title, text, topic the weak cues would give]: hard negatives.
  // The cue is in the title (where the evidence rule accepts it) and no frame word is within its
  // rule's `unless` window: only the article-level frame can tell.
  it.each([
    ['fr sport', 'Lens a acheté son missile brésilien', 'La nouvelle est tombée mardi soir, après plusieurs semaines de rumeurs et de négociations. Le club nordiste a finalisé le transfert de l’attaquant, auteur de quinze buts la saison dernière. L’entraîneur compte l’aligner samedi au stade face à Lille. Les supporters rêvent d’une victoire en championnat.', 'arms_trade'],
    ['fr history', 'Saumur : les chars livrés à l’armée française', 'La collection a été inaugurée samedi en présence du maire et de plusieurs élus locaux. Le musée présente une collection restaurée. L’exposition retrace la campagne de mai 1940. Les historiens y rappellent le souvenir des équipages.', 'arms_trade'],
    ['fr health', 'Le Rwanda réceptionne dix nouveaux drones', 'Les appareils sont arrivés lundi à Kigali, a indiqué le gouvernement dans un communiqué. Le ministère de la Santé les utilisera pour livrer des vaccins aux centres de santé. Les hôpitaux ruraux recevront aussi des médicaments. Les patients attendaient ce service depuis longtemps.', 'arms_trade'],
    ['en civil aviation', 'Airline takes delivery of two transport aircraft', 'The aircraft landed on Monday after a ferry flight, the company said in a statement. The airline will fly them on long-haul routes from next month. Passengers will get new cabin seats. The airport is expanding its terminal.', 'arms_trade'],
    ['en culture', 'Review: tanks delivered to a desert base', 'The film opens with a long scene shot at night in the desert. The director casts a famous actor as the general. The festival audience loved the soundtrack album.', 'arms_trade'],
    ['es sport', 'El club compra un misil para su delantera', 'La noticia llegó el martes por la noche, tras varias semanas de rumores y negociaciones. El Madrid fichó al delantero brasileño, autor de veinte goles la temporada pasada. El entrenador lo alineará en el partido de liga del sábado en el estadio. La afición espera una victoria en el campeonato.', 'arms_trade'],
    ['pt sport', 'Flamengo compra um míssil uruguaio', 'A notícia chegou na terça-feira à noite, depois de várias semanas de rumores e negociações. O clube contratou o atacante, autor de vinte gols na temporada passada. O treinador vai escalá-lo no jogo de domingo no estádio. Os torcedores esperam uma vitória no campeonato.', 'arms_trade'],
    ['ru history', 'Город получил танки Т-34', 'Экспозицию открыли в субботу в присутствии мэра города и местных депутатов. Музей показывает коллекцию после реставрации. Выставка посвящена Великой Отечественной войне. Историки напоминают о ветеранах и их памяти.', 'arms_trade'],
    ['ar health', 'وزارة الصحة تتسلم طائرات مسيرة جديدة', 'وصلت الطائرات يوم الاثنين بحسب بيان رسمي. وستستخدمها الوزارة لنقل اللقاحات إلى المستشفيات. وسيحصل المرضى في المستشفيات الريفية على الأدوية بسرعة أكبر. وينتظر الأطباء هذه الخدمة منذ فترة.', 'arms_trade'],
    ['de civilian guns', 'Jagdsaison: Jäger kaufen Munition', 'Vor der Jagdsaison kaufen Jäger Munition und Gewehre. Der Waffenhändler berichtet, die Sportschützen im Schützenverein bestellen ebenfalls.', 'arms_trade'],
  ])('%s gives no topic', (_frame, title, text, topic) => {
    expect(topicsOf(rules, title, text)).not.toContain(topic);
    expect(topicsOf(noFrames, title, text)).toContain(topic);
  });

  // Positives that name a frame word or two: the topic cues dominate.
  it.each([
    ['fr sale mentioning a stadium', 'Le Sénégal réceptionne des patrouilleurs', 'Dakar a réceptionné deux patrouilleurs commandés à un chantier naval français. La livraison du troisième navire est prévue en juin. La cérémonie s’est tenue près du stade.', 'arms_trade'],
    ['fr « avions de chasse » are not hunting', 'Le Maroc commande des avions de chasse', 'Rabat a commandé douze avions de chasse. La livraison débutera en 2027, selon le ministère.', 'arms_trade'],
    ['en « attack helicopters » are not a combat report', 'Nigeria takes delivery of attack helicopters', 'The air force took delivery of four attack helicopters. Fighting in the north killed 20 soldiers last week.', 'arms_trade'],
  ])('%s keeps its topic', (_name, title, text, topic) => {
    expect(topicsOf(rules, title, text)).toContain(topic);
  });
});

describe('word order: withinBefore', () => {
  it('en: an arms word right before the control word is an export rule', () => {
    expect(topicsOf(rules, 'Government imposes weapons export ban', 'The government imposed a weapons export ban on the region on Monday.')).toContain('arms_control');
  });

  it('en: an arms word several words before « control » belongs to another clause', () => {
    const title = 'Haiti hires contractors';
    const text = 'Contractors will fly attack drones against the gangs that control the capital. The contract runs for a year.';
    expect(topicsOf(rules, title, text)).not.toContain('arms_control');
  });
});

describe('years and numbers in rule files', () => {
  it('a year matches as written, while a short acronym still needs capitals', () => {
    const fr = bundled.find((f) => f.path === 'topics/fr.yaml')!;
    const rule = '  - id: fr.arms_control.test_year\n    topic: arms_control\n    weight: 3\n    any: [1998, UEBX]\n';
    const files = bundled.map((f) => (f === fr ? { path: f.path, content: f.content.replace(/^rules:\n/m, `rules:\n${rule}`) } : f));
    const withYear = compileRuleFiles(files);
    expect(topicsOf(withYear, 'Le texte de 1998', 'Un texte signé il y a longtemps.')).toContain('arms_control');
    expect(topicsOf(rules, 'Le texte de 1998', 'Un texte signé il y a longtemps.')).not.toContain('arms_control');
    expect(topicsOf(withYear, 'Un sigle', 'Le sigle uebx en minuscules ne compte pas.')).not.toContain('arms_control');
    expect(topicsOf(withYear, 'Un sigle', 'Le sigle UEBX, en capitales, compte.')).toContain('arms_control');
  });
});

// Round 2 of generalization (docs/tagging.md, « Round 2 »): vocabulary families added per
// language after two blind batches, and the two scoring changes, each positive next to the hard
// negative it must not be confused with. Texts written for these tests (not from the evaluation
// sets; names and places differ from theirs).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

const topicsOf = (title: string, text: string) => tagArticle({ title, text }, rules).topics.map((t) => t.id);

// [family, title, text, topics that must be assigned, topics that must not be]
const cases: [string, string, string, string[], string[]][] = [
  // Transfers: verbs and nouns in more inflections.
  ['fr transfer: « passé commande »', 'Lomé a passé commande de drones armés', 'La cérémonie de signature s’est tenue au ministère.', ['arms_trade'], []],
  ['fr transfer: future tense', 'Le Sénégal achètera quatre patrouilleurs', 'Le ministère a confirmé le calendrier jeudi.', ['arms_trade'], []],
  ['fr transfer: loan of aircraft', 'Des hélicoptères de combat prêtés à l’armée malgache', 'Les appareils resteront sur place deux ans.', ['arms_trade'], []],
  ['fr hard negative: « prêté serment »', 'Le nouveau chef d’état-major a prêté serment', 'Il a rappelé que les chars et les blindés du défilé symbolisent la nation.', [], ['arms_trade']],
  ['es transfer: future and clitic-free forms', 'Uruguay adquirirá dos patrulleros oceánicos', 'El ministerio confirmó la operación el martes.', ['arms_trade'], []],
  ['pt transfer: participles', 'Blindados encomendados pela Marinha chegam a Luanda', 'Os veículos foram entregues ao exército numa cerimónia que decorreu no porto, com a presença do ministro da Defesa.', ['arms_trade'], []],
  ['de transfer: past tense', 'Estland kaufte Raketenwerfer', 'Das Ministerium bestätigte den Vorgang.', ['arms_trade'], []],
  ['ru transfer: « вооружение и военная техника »', 'Россия и Мьянма', 'Москва обязуется поставлять вооружение и военную технику армии страны.', ['arms_trade'], []],
  // A ban on exporting one specific system is a blocked deal: control and trade.
  ['fr blocked deal: ban on exporting F-35 parts', 'La justice confirme l’interdiction d’exporter des pièces de F-35', 'Les juges ont donné raison aux ONG.', ['arms_control', 'arms_trade'], []],
  ['fr hard negative: a ban on exporting rice', 'Le gouvernement confirme l’interdiction d’exporter du riz', 'Les commerçants protestent contre la mesure.', [], ['arms_trade', 'arms_control']],
  ['es blocked deal', 'El Gobierno bloquea la venta de fragatas', 'La decisión se tomó tras el informe del comité.', ['arms_control', 'arms_trade'], []],
  ['pt approved deal', 'Governo aprova a venda de blindados', 'O contrato segue para o parlamento.', ['arms_control', 'arms_trade'], []],
  ['en hard negative: a notification rule on deliveries', 'Council ends notification rule for arms deliveries', 'States no longer need to notify the committee in advance.', ['arms_control'], ['arms_trade']],
  // Arms markets: the arms trade, unless the story is about smuggling.
  ['fr smuggling bazaar', 'Convoi d’armes intercepté dans le désert', 'Les fusils d’assaut saisis avaient été achetés sur les marchés d’armes du sud, selon les enquêteurs.', ['illicit_arms'], ['arms_trade']],
  // Aid: funding of armed forces, free transfers.
  ['en aid: funding armed units', 'Japan to fund Ghanaian border units', 'The money will be disbursed over three years.', ['military_aid'], []],
  ['en hard negative: funding school units', 'City to fund new school units', 'The council approved the budget on Monday.', [], ['military_aid']],
  ['en aid: free of charge', 'Spain hands patrol boats to Senegal', 'The four patrol boats were handed over free of charge at a ceremony in Dakar.', ['military_aid', 'arms_trade'], []],
  ['es aid: funding the armed forces', 'Alemania financiará a las fuerzas armadas de Mauritania', 'El programa durará tres años.', ['military_aid'], []],
  ['pt aid: donation is aid and trade', 'Portugal doou viaturas blindadas a Cabo Verde', 'A cerimónia decorreu na Praia.', ['military_aid', 'arms_trade'], []],
  // Cooperation between states: bases, training; not contractors, not a sale, not any summit.
  ['fr cooperation: a foreign base handed back', 'Le camp est rendu à l’armée gabonaise', 'La base militaire française de Libreville a été rétrocédée jeudi à l’armée gabonaise.', ['defense_cooperation'], []],
  ['fr hard negative: an attack on a base', 'Attaque contre la base militaire de Tessit', 'Des assaillants ont visé la base militaire à l’aube, faisant plusieurs morts.', [], ['defense_cooperation']],
  ['fr hard negative: « en présence du ministre » at an air base', 'Cérémonie à la base aérienne de Kamboinsé', 'La base aérienne a accueilli, en présence du ministre, la remise des diplômes.', [], ['defense_cooperation']],
  ['fr hard negative: paramilitaries at a former base', 'Des paramilitaires russes à Tombouctou', 'Des paramilitaires, selon le ministère russe de la Défense, ont pris position sur l’ancienne base aérienne de la ville.', ['private_military'], ['defense_cooperation']],
  ['fr cooperation: training of forces', 'Dakar formera les unités gambiennes', 'L’accord prévoit que les militaires sénégalais formeront les forces gambiennes pendant deux ans.', ['defense_cooperation'], []],
  ['fr hard negative: instructors of a private company', 'Des instructeurs d’une société militaire privée quittent le pays', 'Les instructeurs, employés par une société militaire privée, formaient des tireurs d’élite.', ['private_military'], ['defense_cooperation']],
  ['fr hard negative: an economic summit', 'Sommet de la CEDEAO : les sanctions économiques levées', 'Les chefs d’État réunis en sommet ont levé le gel des avoirs.', [], ['defense_cooperation']],
  ['en hard negative: training in a sale package', 'US clears sale of rockets to Kenya', 'The possible sale includes precision rockets and related training, the Defense Security Cooperation Agency said.', ['arms_trade'], ['defense_cooperation']],
  ['es cooperation: training pilots', 'Acuerdo para entrenar a pilotos militares', 'Los dos países firmaron el acuerdo en Lima. El texto prevé también la formación de oficiales de la armada.', ['defense_cooperation'], []],
  ['pt cooperation: training officers', 'Acordo de formação de oficiais', 'O acordo prevê a formação de oficiais angolanos em Lisboa.', ['defense_cooperation'], []],
  ['pt hard negative: industrial partnerships as offsets', 'Embraer vende aviões militares à Suécia', 'A empresa negocia parcerias industriais com fornecedores locais como contrapartida.', ['arms_trade'], ['defense_cooperation']],
  ['de cooperation: training soldiers', 'Ausbildung von Soldaten aus Niger', 'Die Bundeswehr bildet Soldaten aus; die Ausbildung von Offizieren beginnt im Mai.', ['defense_cooperation'], []],
  ['ru cooperation: naval base and officer training', 'Военно-морская база в Эритрее', 'Соглашение предусматривает размещение пункта материально-технического обеспечения и подготовку офицеров.', ['defense_cooperation'], []],
  // Industry: a maker or conglomerate as a business; not a national export report, not a supplier.
  ['fr industry: a defence conglomerate', 'Le conglomérat émirien de défense vise le top 20', 'Ses ventes à l’export représentent 40 % de son chiffre d’affaires. Le groupe ambitionne une place parmi les premiers industriels mondiaux de l’armement.', ['defense_industry'], []],
  ['fr hard negative: a company’s legal defence', 'L’entreprise assure sa défense devant le tribunal', 'L’avocat de l’entreprise a plaidé la relaxe.', [], ['defense_industry']],
  ['fr hard negative: national order intake', 'Exportations d’armement : 18 milliards d’euros de prises de commandes', 'Le rapport au Parlement détaille les ventes de l’année.', [], ['defense_industry']],
  ['en industry: ammunition business', 'Shell maker adds a third shift', 'The group has expanded its ammunition business since 2022 and will invest in new filling lines.', ['defense_industry'], []],
  ['de industry: a maker’s results', 'Rheinmetall mit Rekordumsatz', 'Der Konzern meldete einen Rekordumsatz und baut ein neues Werk.', ['defense_industry'], []],
  ['ar hard negative: the military industry named as a supplier', 'الجزائر تتسلم فرقاطة جديدة', 'وتعد الجزائر من أبرز زبائن الصناعات العسكرية الروسية في القارة.', ['arms_trade'], ['defense_industry']],
  // Civilian guns in Spanish: a gun law is not an arms-transfer rule.
  ['es hard negative: a domestic gun law', 'Uruguay endurece el control de armas', 'El Congreso aprobó una ley que prohíbe a los particulares la compra de más de dos armas de fuego y eleva las penas por tenencia ilegal. Los clubes de tiro critican la norma. En el país hay 600.000 armas inscritas por civiles, y las armerías deberán reforzar sus controles.', [], ['arms_trade', 'illicit_arms', 'arms_control']],
];

describe('round 2 vocabulary: positives and hard negatives per language', () => {
  it.each(cases)('%s', (_family, title, text, must, mustNot) => {
    const topics = topicsOf(title, text);
    for (const t of must) expect(topics).toContain(t);
    for (const t of mustNot) expect(topics).not.toContain(t);
  });
});

describe('round 2 scoring', () => {
  it('a strong cue weighs one more sentence against a frame: a seizure hidden among car parts', () => {
    const title = 'Port de Tema : des pistolets cachés dans un conteneur de pièces automobiles';
    const text = 'Les douaniers ont découvert 900 pistolets dissimulés parmi des pièces automobiles déclarées. '
      + 'Le conteneur venait d’Europe. C’est la plus importante saisie d’armes de l’année au port.';
    expect(topicsOf(title, text)).toEqual(['illicit_arms']);
  });

  it('a car story with one weak cue stays without topic', () => {
    const title = 'Salon automobile : les voitures électriques à l’honneur';
    const text = 'Les constructeurs automobiles présentent leurs voitures. Les consommateurs comparent les voitures. '
      + 'Un exposant a saisi l’occasion pour montrer une carabine de collection. Les ventes de voitures progressent.';
    expect(topicsOf(title, text)).toEqual([]);
  });

  it('a weak cue over the same words as an assigned topic’s evidence counts: a donation is aid and trade', () => {
    const title = 'Facilité européenne pour la paix : une nouvelle mesure d’assistance pour le Togo';
    const text = 'Le Conseil a adopté jeudi la mesure, dotée de 10 millions d’euros. L’enveloppe financera la fourniture de véhicules blindés.';
    expect(topicsOf(title, text)).toEqual(['arms_trade', 'military_aid']);
  });

  it('money alone, with no equipment named, is aid only', () => {
    const title = 'Facilité européenne pour la paix : une nouvelle mesure d’assistance pour le Togo';
    const text = 'Le Conseil a adopté jeudi la mesure, dotée de 10 millions d’euros. Les fonds seront versés en deux tranches.';
    expect(topicsOf(title, text)).toEqual(['military_aid']);
  });
});

describe('round 2 entities', () => {
  const countriesOf = (title: string, text: string) => tagArticle({ title, text }, rules).countries.map((c) => c.id);
  it('« lac Tchad » is a lake, not Chad', () => {
    expect(countriesOf('Pêche sur le lac Tchad', 'Les pêcheurs du lac Tchad dénoncent la baisse des eaux. Lake Chad is shrinking.')).not.toContain('TD');
    expect(countriesOf('Pêche au Tchad', 'Les pêcheurs tchadiens dénoncent la baisse des eaux du lac Tchad.')).toContain('TD');
  });

  it('Cotonou is the seat of government, not the capital (Porto-Novo is)', () => {
    expect(countriesOf('Arrivée au port de Cotonou', 'Les véhicules ont été débarqués à Cotonou.')).not.toContain('BJ');
    expect(countriesOf('Porto-Novo réagit', 'Porto-Novo a annoncé une enquête.')).toContain('BJ');
  });
});

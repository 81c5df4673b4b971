// Topic rules per family and per language, with hard negatives next to the positives.
// The texts are written for these tests (not taken from the evaluation sets).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

const topicsOf = (title: string, text: string) => tagArticle({ title, text }, rules).topics.map((t) => t.id);

// [family, title, text, topic that must be assigned]
const positives: [string, string, string, string][] = [
  ['fr arms_trade', 'Le Tchad réceptionne deux hélicoptères de combat', 'L’armée de l’air tchadienne a pris livraison mardi de deux hélicoptères de combat achetés à la Turquie, selon le ministère.', 'arms_trade'],
  ['fr arms_trade (headline in capitals)', 'LE NIGER COMMANDE DES DRONES ARMÉS', 'Niamey a passé commande de six drones armés auprès d’un industriel turc.', 'arms_trade'],
  ['fr arms_control', 'Paris suspend des licences d’exportation d’armes', 'Le gouvernement a suspendu plusieurs licences d’exportation d’armes vers un pays du Golfe.', 'arms_control'],
  ['fr illicit_arms', 'Saisie d’armes à la frontière', 'La douane a saisi une cargaison de fusils d’assaut et de munitions dissimulés dans un camion, démantelant un réseau de trafiquants d’armes.', 'illicit_arms'],
  ['fr private_military', 'Des mercenaires russes déployés en Centrafrique', 'Une société militaire privée liée à Moscou assure la garde des mines d’or.', 'private_military'],
  ['fr military_aid', 'Aide militaire au Bénin', 'Le Japon accorde une aide militaire au Bénin et fait don de matériel de surveillance aux forces armées.', 'military_aid'],
  ['fr defense_cooperation', 'Dakar et Ankara signent un accord de défense', 'Le Sénégal et la Turquie ont signé un accord de coopération militaire prévoyant la formation d’officiers.', 'defense_cooperation'],
  ['fr defense_industry', 'Le carnet de commandes de KNDS au plus haut', 'Le groupe de défense a publié un chiffre d’affaires record, porté par la montée en cadence de ses usines.', 'defense_industry'],
  ['en arms_trade', 'Nigeria takes delivery of attack helicopters', 'The Nigerian Air Force took delivery of four attack helicopters bought from Italy, officials said.', 'arms_trade'],
  ['en arms_control', 'Arms embargo on South Sudan renewed', 'The Security Council renewed the arms embargo and asked its panel of experts to monitor compliance.', 'arms_control'],
  ['en illicit_arms', 'Weapons smuggling ring broken up', 'Police seized assault rifles and ammunition and arrested five suspected arms traffickers.', 'illicit_arms'],
  ['en private_military', 'Private military contractors expand in the Sahel', 'Several private military companies now guard mines in exchange for mining rights.', 'private_military'],
  ['en military_aid', 'New military aid package for Kyiv', 'Washington announced a military aid package including donated armoured vehicles.', 'military_aid'],
  ['en defense_cooperation', 'Defence pact signed', 'The two countries signed a defence cooperation agreement covering joint exercises and a training mission.', 'defense_cooperation'],
  ['en defense_industry', 'Arms maker lifts guidance', 'The defence contractor reported record revenue and said its order backlog had doubled.', 'defense_industry'],
  ['pt arms_trade', 'Moçambique recebe helicópteros', 'A Força Aérea de Moçambique recebeu dois helicópteros militares comprados à África do Sul.', 'arms_trade'],
  ['pt private_military', 'Mercenários na Líbia', 'O relatório denuncia a presença de mercenários e de empresas militares privadas no país.', 'private_military'],
  ['es illicit_arms', 'Golpe al tráfico de armas', 'La policía desarticuló una red dedicada al tráfico de armas en la frontera.', 'illicit_arms'],
  ['es military_aid', 'Ayuda militar para Ecuador', 'Estados Unidos anunció un nuevo paquete de ayuda militar para las fuerzas armadas ecuatorianas.', 'military_aid'],
  ['de arms_control', 'Exportstopp für Rüstungsgüter', 'Die Regierung verhängte einen Exportstopp und widerrief mehrere Exportgenehmigungen für Rüstungsgüter.', 'arms_control'],
  ['de defense_industry', 'Rüstungskonzern mit Rekordumsatz', 'Der Rüstungskonzern meldete einen Rekord beim Auftragsbestand.', 'defense_industry'],
  ['ar arms_trade', 'الجزائر تتسلم منظومات دفاع جوي', 'تسلمت الجزائر منظومات دفاع جوي روسية ضمن صفقة أسلحة جديدة.', 'arms_trade'],
  ['ar illicit_arms', 'إحباط عملية تهريب أسلحة', 'أعلنت السلطات ضبط أسلحة وذخائر في شحنة وإحباط عملية تهريب الأسلحة عبر الحدود.', 'illicit_arms'],
  ['ru arms_trade', 'Поставки вооружений в Африку', 'Россия увеличила поставки вооружений и военной техники африканским странам.', 'arms_trade'],
  ['pt illicit_arms (seizure)', 'Polícia apreende fuzis contrabandeados', 'Os agentes apreenderam 40 fuzis e munições que seriam entregues a facções criminosas.', 'illicit_arms'],
  ['de arms_trade (compound nouns)', 'Bundeswehr bestellt zusätzliche Panzerhaubitzen', 'Das Ministerium hat weitere Panzerhaubitzen bestellt, teilte der Hersteller mit.', 'arms_trade'],
  ['ar arms_trade (arrival of a batch)', 'روسيا تزود مالي بطائرات مقاتلة', 'وصلت إلى باماكو دفعة جديدة من الطائرات المقاتلة والمروحيات العسكرية الروسية.', 'arms_trade'],
  ['ru private_military', 'ЧВК в Африке', 'Частная военная компания направила наемников в Мали.', 'private_military'],  // Added with the unseen-* batches (generalization): synonyms, inflections, word order.
  ['fr arms_trade (avions de chasse, not hunting)', 'Le Maroc commande des avions de chasse', 'Rabat a commandé douze avions de chasse à un constructeur américain.', 'arms_trade'],
  ['fr arms_control (sanctionne)', 'Drones : Washington sanctionne deux sociétés', 'Les deux entreprises sont accusées de fournir des moteurs de drones militaires.', 'arms_control'],
  ['fr private_military (hired security company)', 'Des hélicoptères privés contre les insurgés', 'Une société britannique de sécurité, engagée par le gouvernement pour combattre les insurgés, a reçu un nouveau contrat.', 'private_military'],
  ['fr defense_cooperation (officer exchanges)', 'Lisbonne et Luanda renforcent leurs liens', 'Les deux pays accueilleront des officiers dans leurs écoles militaires et organiseront des échanges d’état-major.', 'defense_cooperation'],
  ['fr defense_industry (maker described, plant)', 'Un fabricant de drones militaires agrandit son usine', 'Le fabricant de drones militaires va doubler sa capacité de production et recrute 150 ingénieurs.', 'defense_industry'],
  ['de arms_control (approval of one deal)', 'Regierung gibt Zustimmung zu Panzerverkauf', 'Die Regierung hat ihre Zustimmung zu der Lieferung von Kampfpanzern an Norwegen gegeben.', 'arms_control'],
  ['ar illicit_arms (seizure, present tense)', 'الجيش يضبط شحنة أسلحة', 'ضبطت وحدات الجيش شاحنة محملة ببنادق وذخائر على الحدود.', 'illicit_arms'],
  ['ru defense_cooperation (naval exercise)', 'Совместные военно-морские учения', 'Флоты двух стран провели совместные военно-морские учения в Балтийском море.', 'defense_cooperation'],
  ['fr arms_trade (blocked sale of bombs)', 'Le Congrès tente de bloquer une vente', 'Des élus veulent bloquer la vente de bombes guidées à un pays du Golfe.', 'arms_trade'],
  ['fr military_aid (free transfer)', 'Une frégate cédée gratuitement', 'Le navire a été cédé gratuitement à la marine du Ghana, sans contrepartie financière.', 'military_aid'],
  ['es arms_trade (incorpora)', 'La Armada incorpora dos buques patrulla', 'La Armada incorporó a su flota dos buques patrulla comprados en el extranjero.', 'arms_trade'],
  ['es defense_cooperation (joint exercise, singular)', 'Ejercicio naval conjunto', 'Las armadas de ambos países realizaron un ejercicio naval conjunto en el Pacífico.', 'defense_cooperation'],
  ['de military_aid (equipment made available)', 'Ausrüstung für die Armee', 'Die Regierung stellt der Armee Ausrüstung und Drohnen im Wert von zehn Millionen Euro zur Verfügung.', 'military_aid'],
];

// [family, title, text, topic that must NOT be assigned]
const hardNegatives: [string, string, string, string][] = [
  ['fr rafale de vent', 'Tempête sur la côte', 'Des rafales de vent à 120 km/h ont été enregistrées ; la livraison du courrier est suspendue.', 'arms_trade'],
  ['fr char de carnaval', 'Le carnaval défile', 'Trente chars de carnaval ont été livrés par les ateliers municipaux pour le défilé.', 'arms_trade'],
  ['fr défense au football', 'Ligue 1 : la défense craque', 'L’attaquant a inscrit un missile des trente mètres ; la défense lyonnaise n’a rien pu faire.', 'arms_trade'],
  ['fr défense au procès', 'Procès : la défense plaide', 'Les avocats de la défense ont plaidé la relaxe de l’ancien ministre.', 'arms_trade'],
  ['fr cosmétique', 'Le sérum, arme anti-âge', 'Ce sérum est devenu l’arme anti-âge de la saison, vendu en pharmacie.', 'arms_trade'],
  ['fr mercato', 'Mercato : les mercenaires du championnat', 'Les clubs recrutent des joueurs étrangers, surnommés les mercenaires du championnat.', 'private_military'],
  ['fr contrebande de carburant', 'Contrebande de carburant', 'La douane a saisi 3 000 litres d’essence de contrebande à la frontière.', 'illicit_arms'],
  ['fr embargo sur le riz', 'Embargo sur le riz', 'L’Inde prolonge son embargo sur les exportations de riz, ce qui inquiète les importateurs.', 'arms_control'],
  ['fr musée', 'Au musée, les canons restaurés', 'Le musée présente des canons de 1914 restaurés, vendus jadis aux enchères.', 'arms_trade'],
  ['fr port d’arme', 'Le Texas assouplit le port d’armes', 'La loi autorise le port d’une arme de poing sans permis ; les armureries ont vu leurs ventes bondir.', 'arms_control'],
  ['fr saisie de cocaïne', 'Saisie de cocaïne au port', 'La police a saisi deux tonnes de cocaïne et démantelé un réseau de trafiquants.', 'illicit_arms'],
  ['fr figurative arme', 'L’artillerie lourde contre l’inflation', 'Le gouvernement dégaine une batterie de mesures pour le pouvoir d’achat, une véritable arme anti-inflation.', 'arms_trade'],
  ['fr training sold with aircraft', 'Le Maroc reçoit des hélicoptères', 'Rabat a reçu six hélicoptères d’attaque commandés en 2020. Le contrat inclut la formation des pilotes par des instructeurs américains.', 'defense_cooperation'],
  ['en trade war', 'Chip war escalates', 'Washington tightened export controls on chipmaking equipment in the latest round of the trade war.', 'arms_control'],
  ['en gun law', 'Senate debates gun control', 'Lawmakers revived an assault weapons ban after a school shooting; gun shops reported sales of rifles rising.', 'arms_trade'],
  ['en civil airliner', 'Airline takes delivery of new jets', 'The carrier took delivery of two new airliners to expand its regional network.', 'arms_trade'],
  ['de composer', 'Wagner in Bayreuth', 'Die Festspiele eröffnen mit Richard Wagners Oper; das Orchester wurde gefeiert.', 'private_military'],
  ['pt football', 'Clássico no Maracanã', 'O ataque do Flamengo superou a defesa do Palmeiras com um disparo de fora da área.', 'arms_trade'],
  ['es legal defence', 'La defensa del expresidente', 'La defensa del expresidente pidió anular el juicio por corrupción.', 'arms_trade'],  ['fr radars routiers', 'Nouveaux radars sur les routes', 'Le ministère a réceptionné 200 radars fixes destinés aux autoroutes, pour la sécurité routière.', 'arms_trade'],
  ['fr drones de livraison', 'Des drones livrent des médicaments', 'Les drones de livraison acheminent du sang et des vaccins vers les centres de santé ; la région achètera dix drones.', 'arms_trade'],
  ['fr chasse', 'Ouverture de la chasse', 'Les ventes de carabines et de munitions progressent chez les armuriers avant la saison de chasse.', 'arms_trade'],
  ['fr contrôle douanier', 'Contrôle au port', 'Lors d’un contrôle au port, les douaniers ont découvert des fusils de chasse déclarés.', 'arms_control'],
  ['fr appui au combat', 'Combats dans l’Est', 'L’armée a repoussé les assauts grâce à l’appui de ses drones et de son artillerie.', 'military_aid'],
  ['fr sanctions hors armes', 'Sanctions sur les diamants', 'Le Conseil a adopté des mesures restrictives interdisant l’importation de diamants.', 'arms_control'],
  ['en brewery tanks', 'Brewery orders fermentation tanks', 'The brewery ordered ten new fermentation tanks for delivery in spring.', 'arms_trade'],
  ['en NFL trade', 'Patriots acquire receiver', 'The New England Patriots acquired a wide receiver in a trade before the deadline.', 'arms_trade'],
  ['en gangs that control', 'Contractors against gangs', 'Contractors will fly attack drones against the gangs that control the capital.', 'arms_control'],
  ['en leopard print', 'Leopard print is back', 'Retailers ordered more leopard print coats for the autumn.', 'arms_trade'],
  ['de tortoise shell', 'Zoo erhält Schildkröte', 'Der Zoo erhielt eine Schildkröte mit beschädigtem Panzer.', 'arms_trade'],
  ['pt tanker ships', 'Estaleiro recebe encomenda de navios-tanque', 'A empresa encomendou quatro navios-tanque a um estaleiro nacional.', 'defense_industry'],
  ['fr salon aéronautique civil', 'Salon aéronautique : 300 commandes d’avions de ligne', 'Au salon aéronautique, les compagnies ont commandé 300 avions de ligne.', 'defense_industry'],
];

describe('topic rules: positives', () => {
  it.each(positives)('%s', (_family, title, text, topic) => {
    expect(topicsOf(title, text)).toContain(topic);
  });
});

describe('topic rules: hard negatives', () => {
  it.each(hardNegatives)('%s', (_family, title, text, topic) => {
    expect(topicsOf(title, text)).not.toContain(topic);
  });
});

describe('scoring and evidence', () => {
  it('gives every assigned topic evidence whose text is the original span, with the rule id', () => {
    const title = 'Défense : l’Égypte achète des Rafale';
    const text = 'Le Caire a signé un contrat d’armement pour l’achat de trente Rafale, a annoncé l’avionneur.\u00a0La livraison débutera en 2026.';
    const doc = `${title}\n\n${text}`;
    const result = tagArticle({ title, text }, rules);
    const trade = result.topics.find((t) => t.id === 'arms_trade')!;
    expect(trade.evidence.length).toBeGreaterThan(0);
    for (const e of trade.evidence) {
      expect(doc.slice(e.start, e.end)).toBe(e.text);
      expect(e.rule).toMatch(/^fr\.arms_trade\./);
    }
    expect(trade.evidence.map((e) => e.text)).toContain('contrat d’armement');
  });

  it('weighs the title more than the body, and saturates repeated cues', () => {
    const inTitle = tagArticle({ title: 'Le Mali réceptionne des blindés', text: 'Une cérémonie a eu lieu à Bamako.' }, rules);
    const inBody = tagArticle({ title: 'Cérémonie à Bamako', text: 'x '.repeat(300) + 'Le Mali réceptionne des blindés.' }, rules);
    expect(inTitle.topics.map((t) => t.id)).toEqual(['arms_trade']);
    expect(inBody.topics).toEqual([]);
    const repeated = tagArticle({ title: '', text: 'vente d’armes. '.repeat(20) }, rules).topics[0];
    // 20 matches of one rule: 1 + 1/2 + 1/4 + … times the weight, never 20 times it.
    expect(repeated.score).toBeLessThanOrEqual(2 * 2.5 * 1.25);
    expect(repeated.score).toBeGreaterThan(2.5 * 1.25);
  });

  it('is deterministic', () => {
    const input = { title: 'Wagner et l’Africa Corps au Mali', text: 'Les mercenaires russes et des instructeurs ont été vus à Bamako, selon l’ONU.' };
    expect(JSON.stringify(tagArticle(input, rules))).toBe(JSON.stringify(tagArticle(input, loadRules())));
  });
});

// The conventions added in the second pass (docs/tagging.md, « Conventions worth knowing »):
// each positive next to the hard negative it must not be confused with.
describe('second-pass conventions', () => {
  it.each([
    ['an approved specific sale is control and trade', 'Washington approuve la vente de missiles à Tbilissi', 'Le Congrès dispose de trente jours pour s’y opposer.', ['arms_control', 'arms_trade']],
    ['a blocked specific contract is control and trade', 'Pretoria bloque un contrat d’obus', 'Le comité a refusé l’autorisation ; le contrat de 80 millions est suspendu.', ['arms_control', 'arms_trade']],
    ['an order book is the maker’s business, not a sale', 'Le carnet de commandes de l’avionneur au plus haut', 'Le carnet de commandes atteint 45 milliards d’euros, porté par le Rafale, et le PDG prévoit de relever la cadence de production.', ['defense_industry']],
    ['a multinational unified force is cooperation', 'L’AES lance sa force unifiée', 'Les chefs d’état-major des trois pays ont créé la force unifiée de l’Alliance.', ['defense_cooperation']],
    ['joint naval exercises are cooperation', 'Alger et Moscou organisent un exercice naval conjoint', 'Les deux marines ont manœuvré au large d’Oran.', ['defense_cooperation']],
    ['a donated frigate in Spanish is aid and trade', 'Perú recibe una fragata donada por Corea del Sur', 'La Marina recibió la fragata donada en el puerto del Callao.', ['arms_trade', 'military_aid']],
  ])('%s', (_name, title, text, expected) => {
    expect(topicsOf(title, text)).toEqual(expected);
  });

  it.each([
    ['small arms named as a category', 'Le rapport annuel sur les transferts', 'Ces chiffres ne couvrent pas les armes légères et de petit calibre.'],
    ['slang « blindé » (rich)', 'Depuis sa promotion, il est blindé', 'Il est blindé de dettes selon sa sœur, qui se moque de ses achats.'],
    ['a video game selling tanks', 'Video game review: the new shooter lets you buy tanks and fighter jets', 'Players buy tanks and missiles with in-game credits.'],
    ['a car maker’s plant and orders', 'Grève chez un constructeur automobile', 'Le constructeur automobile promet de nouvelles commandes pour l’usine.'],
    ['private guards at a Christmas market', 'Le marché de Noël sous protection', 'L’accès est contrôlé par des agents de sécurité privée.'],
  ])('%s gives no topic', (_name, title, text) => {
    expect(topicsOf(title, text)).toEqual([]);
  });

  // Round 3: an embargo prolonged (an event of the embargo) is an arms-control story; the unified
  // forces of one country's peace accord are still not cooperation.
  it('a peace accord merging one country’s forces is not cooperation; the embargo prolonged is control', () => {
    expect(topicsOf('Soudan du Sud : l’embargo prolongé', 'L’embargo empêche d’équiper les forces unifiées prévues par l’accord de paix de 2018.')).toEqual(['arms_control']);
  });

  it('technology transfer is cooperation, not a transfer of weapons (pt)', () => {
    expect(topicsOf('Acordo industrial', 'O acordo de cooperação prevê transferência de tecnologia para a construção de um submarino.')).not.toContain('arms_trade');
  });

  it('co-occurrence cues of one language do not fire in another (French « crédit » in English)', () => {
    const text = 'Players buy tanks and missiles with in-game credits.';
    expect(tagArticle({ title: 'Game review', text, lang: 'en' }, rules).topics).toEqual([]);
  });
});

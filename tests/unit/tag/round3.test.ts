// Round 3 of generalization (docs/tagging.md, « Round 3 »): confusions between topics on
// positives. Each mechanism is checked with a positive next to the hard negative it must not be
// confused with. Texts written for these tests (not from the evaluation sets; names and places
// differ from theirs).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

const topicsOf = (title: string, text: string) => tagArticle({ title, text }, rules).topics.map((t) => t.id);

// [mechanism, title, text, topics that must be assigned, topics that must not be]
const cases: [string, string, string, string[], string[]][] = [
  // Surveillance and reconnaissance aircraft are military equipment; a donation of them is aid and trade.
  ['fr surveillance aircraft given', 'Les Pays-Bas cèdent deux avions de surveillance au Bénin', 'Les appareils rejoindront la base de Cotonou le mois prochain.', ['arms_trade', 'military_aid'], []],
  ['fr hard negative: a firefighting surveillance aircraft', 'La région achète un avion de surveillance des feux de forêt', 'Les pompiers de la sécurité civile l’utiliseront dès l’été.', [], ['arms_trade', 'military_aid']],
  // Aid nouns name what they fund after them; weapons before them are something else.
  ['fr aid noun before the equipment', 'Une aide de 30 millions d’euros pour l’achat de blindés', 'Le programme court sur deux ans.', ['military_aid'], []],
  ['fr hard negative: « avec l’aide » after the weapons', 'Le général présente les blindés avec l’aide d’un interprète', 'La délégation a visité la caserne.', [], ['military_aid']],
  ['en aid noun before the equipment', 'Norway announces funding for armoured vehicles for Moldova', 'The vehicles will be bought from a Finnish maker.', ['military_aid'], []],
  ['en hard negative: a sale package', 'Lisbon signs for frigates', 'The contract includes missiles, training and a support package.', ['arms_trade'], ['military_aid']],
  ['es aid noun before the equipment', 'Japón anuncia una financiación para patrulleras de Costa Rica', 'El programa durará tres años.', ['military_aid'], []],
  ['es hard negative: help after the boats', 'Las patrulleras, con la ayuda de pescadores, rescatan a náufragos', 'Los pescadores guiaron a los marinos.', [], ['military_aid']],
  // « Donner son feu vert » approves a deal: it gives nothing.
  ['fr approval idiom is not a gift', 'Paris donne son feu vert à la vente de frégates au Pérou', 'Le contrat doit être signé à Lima.', ['arms_control', 'arms_trade'], ['military_aid']],
  // Equipment named generically: a transfer, except as what a loan or a fund pays for.
  ['fr generic equipment delivered', 'La France livre du matériel militaire au Togo', 'La cérémonie s’est tenue à Lomé.', ['arms_trade'], []],
  ['fr generic equipment as a loan’s purpose', 'Ankara accorde un prêt de 200 millions destiné à l’achat de matériel militaire', 'Aucun équipement n’a encore été choisi.', ['military_aid'], ['arms_trade']],
  // A stake in a company is a corporate deal, not a purchase of weapons.
  ['fr hard negative: a stake in a drone maker', 'Le groupe Alvora annonce l’acquisition d’une participation de 30 % dans un fabricant de drones', 'La transaction doit être approuvée par les autorités.', [], ['arms_trade']],
  ['fr purchase of drones', 'Le Kenya annonce l’acquisition de drones turcs', 'Les appareils seront livrés l’an prochain.', ['arms_trade'], []],
  // An embargo as an event (violated, extended) is arms control; an embargo on goods is not.
  ['fr embargo violated', 'Libye : les experts dénoncent des violations répétées de l’embargo', 'Le rapport sera remis au Conseil en mars.', ['arms_control'], []],
  ['fr hard negative: an embargo on cocoa extended', 'Les producteurs dénoncent la prolongation de l’embargo sur le cacao', 'Les exportateurs craignent des pertes.', [], ['arms_control']],
  ['en embargo breached', 'Panel documents breaches of the embargo on Yemen', 'The report was sent to the Council on Friday.', ['arms_control'], []],
  ['en hard negative: a grain embargo extended', 'Farmers fear extension of the grain embargo', 'Prices fell on Monday.', [], ['arms_control']],
  // An armed group arming itself is supplied by smuggling; the arms must be named.
  ['fr armed group arming itself', 'Mozambique : les insurgés s’approvisionnent en armes via la frontière', 'Les autorités parlent de filières bien rodées.', ['illicit_arms'], ['arms_trade']],
  ['fr hard negative: rebels buying fuel', 'Les rebelles s’approvisionnent en carburant à la frontière', 'Les prix ont doublé au marché.', [], ['illicit_arms']],
  ['fr hard negative: supply named without arms', 'Un embargo contesté', 'Les groupes armés, qui s’approvisionnent sur les marchés parallèles, ne sont pas touchés.', [], ['illicit_arms']],
  // Orders counted in a maker's results are its business, not one sale.
  ['en order intake is the maker’s business', 'Defence group’s order intake rose 30% on contracts for howitzers', 'The chief executive raised the full-year forecast.', ['defense_industry'], ['arms_trade']],
  ['en deliveries to a named state still a sale', 'Maker’s profit jumps on deliveries of howitzers to Estonia', 'The company also hired 500 engineers.', ['arms_trade'], []],
  // Joint patrols: cooperation between states, not with contractors.
  ['en joint patrols between states', 'Niger and Chad start joint patrols on their border', 'The two armies will share intelligence.', ['defense_cooperation'], []],
  ['en hard negative: joint patrols with mercenaries', 'Mercenaries and the army run joint patrols near Gao', 'Africa Corps fighters, paid by the junta, now lead most of the patrols.', ['private_military'], ['defense_cooperation']],
  // Vocabulary: a package of equipment (en), a defence division (es), kit given (pt), « ترسل » (ar).
  ['en package of equipment', 'EU approves package of equipment for Togo’s army', 'The vehicles will be delivered within a year.', ['arms_trade', 'military_aid'], []],
  ['es defence division as a business', 'La división de defensa de Indra amplía su fábrica de radares', 'La empresa contratará a 300 ingenieros.', ['defense_industry'], []],
  ['pt kit given to the forces', 'Lisboa ofereceu fardamento e material de campanha às Forças Armadas de Timor-Leste', 'A cerimónia decorreu em Díli.', ['military_aid'], []],
  ['pt hard negative: school material given', 'Escola de Braga recebe material escolar oferecido por empresa', 'Os alunos agradeceram.', [], ['military_aid']],
  ['ar sends weapons', 'الجزائر ترسل أسلحة إلى النيجر', 'وصلت الشحنة إلى نيامي يوم الاثنين.', ['arms_trade'], []],
];

describe('round 3: topic distinctions on positives', () => {
  it.each(cases)('%s', (_mechanism, title, text, must, mustNot) => {
    const topics = topicsOf(title, text);
    for (const t of must) expect(topics).toContain(t);
    for (const t of mustNot) expect(topics).not.toContain(t);
  });
});

describe('round 3: « livraisons clandestines » is a hint, not a trafficking story on its own', () => {
  it('one mention in the body does not make an illicit_arms story', () => {
    expect(topicsOf('Un livre sur les années 1970', 'Un historien revient sur la politique étrangère du régime.\n\nIl évoque aussi des livraisons clandestines.')).not.toContain('illicit_arms');
  });
  it('with a seizure, it does', () => {
    expect(topicsOf('Saisie d’armes au port', 'Les douaniers ont découvert des livraisons clandestines de fusils d’assaut dans un conteneur.')).toContain('illicit_arms');
  });
});

// Round 4 of generalization (docs/tagging.md, « Round 4 »): arms_trade, defense_industry,
// military_aid and defense_cooperation told apart on positives. Each mechanism is checked with a
// positive next to the hard negative it must not be confused with. Texts written for these tests
// (not from the evaluation sets; names and places differ from theirs).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

const topicsOf = (title: string, text: string, lang?: string) => tagArticle({ title, text, lang }, rules).topics.map((t) => t.id);

// [mechanism, title, text, topics that must be assigned, topics that must not be]
const cases: [string, string, string, string[], string[]][] = [
  // A donation named on its own refers back to the transfer the article states (`withTopic`).
  ['fr « ce don » after a handover', 'Dakar reçoit de Tokyo douze véhicules blindés', 'Le Japon a remis mardi douze véhicules blindés à l’armée sénégalaise.\n\nSelon l’ambassade, ce don doit renforcer les unités déployées dans l’est du pays.', ['arms_trade', 'military_aid'], []],
  ['fr hard negative: a donation without a transfer of arms', 'Un don de cinq millions pour les écoles de Thiès', 'La fondation a aussi promis des bourses.', [], ['military_aid', 'arms_trade']],
  ['fr hard negative: a sale, and a gift of vaccines', 'Dakar achète douze véhicules blindés à un industriel turc', 'Le contrat a été signé mardi.\n\nLe ministre a aussi salué un don de vaccins à la région de Kolda.', ['arms_trade'], ['military_aid']],
  ['en « the donation » after a handover', 'Britain hands over 20 armoured vehicles to Ghana', 'The vehicles were handed over at a ceremony in Accra.\n\nOfficials said the donation would help patrol the northern border.', ['arms_trade', 'military_aid'], []],
  ['es « la donación » after a delivery', 'Madrid entrega diez vehículos blindados a Mauritania', 'Los vehículos llegaron el lunes a Nuakchot.\n\nSegún la embajada, la donación reforzará a las unidades del este.', ['arms_trade', 'military_aid'], []],
  // An arms fair is the industry's showroom; a deal announced there is a sale, the fair its venue.
  ['en fair as the venue of a deal', 'Peru signs contract for 24 Korean howitzers', 'Peru has signed a contract to buy 24 howitzers from South Korea.\n\nThe contract, announced at an arms fair in Lima, also covers training.', ['arms_trade'], ['defense_industry']],
  ['en arms fair with exhibitors', 'Arms fair opens in Abu Dhabi with 1,400 exhibitors', 'Visitors crowded the halls on the first day.', ['defense_industry'], []],
  ['fr maker at a fair is an exhibitor', 'Le constructeur Otokar présente au salon de défense de Dakar un nouveau blindé', 'Le véhicule a été conçu pour les pistes sahéliennes.', ['defense_industry'], []],
  ['fr fair as the venue of a deal', 'Le Kenya commande des drones', 'Le contrat, signé au salon de défense de Nairobi, porte sur douze drones de surveillance.', ['arms_trade'], ['defense_industry']],
  // A sale followed by its supplier names the supplier of one deal; a maker's sales as a whole are its business.
  ['fr hard negative: the supplier of one sale', 'Athènes signe la vente de frégates de Naval Group', 'Le contrat porte sur trois frégates livrées à partir de 2029.', ['arms_trade'], ['defense_industry']],
  ['fr a maker’s sales as a whole', 'Naval Group veut doubler ses ventes en Asie', 'Le groupe mise sur la Malaisie.', ['defense_industry'], []],
  // The sector named is a hint (pt, es, de, ru as in French).
  ['pt hard negative: the sector in an export story', 'Blindados brasileiros seguem para o Chile', 'O primeiro lote de viaturas blindadas partiu de Santos.\n\nTrata-se de um marco para a indústria de defesa nacional.', [], ['defense_industry']],
  ['es hard negative: the sector in an export story', 'Blindados españoles rumbo a Chile', 'El primer lote de blindados salió de Cartagena.\n\nEs un hito para la industria de defensa nacional.', [], ['defense_industry']],
  ['de hard negative: the sector in an export story', 'Panzer für Litauen verschifft', 'Die ersten Panzer haben den Hafen verlassen.\n\nEin Meilenstein für die deutsche Rüstungsindustrie, sagte der Minister.', [], ['defense_industry']],
  // A « prime contractor » is an arms maker, not a private military company.
  ['en hard negative: a prime contractor', 'Court halts exports of jet parts to Israel', 'The court ordered the government to stop exports within a week.\n\nLockheed Martin, the jet’s prime contractor, declined to comment.', [], ['private_military']],
  ['fr contractors hired to guard mines', 'Des contractors américains recrutés pour protéger les mines de cobalt', 'Ils seront armés et payés par la compagnie minière.', ['private_military'], []],
  // Aid that an embargo regime must be notified of is the rule, not aid given.
  ['en hard negative: aid under a notification rule', 'UN embargo on Haiti: experts question drone strikes', 'Under the arms embargo, the sanctions committee must be notified of weapons and military assistance provided to the police.', ['arms_control'], ['military_aid']],
  ['en military assistance announced', 'Washington announces military assistance to Haiti’s police', 'The package includes armoured vehicles.', ['military_aid'], []],
  // A convention or protocol on (small) arms sets rules on them; read forward.
  ['fr convention on small arms', 'Le Niger veut appliquer la convention de la CEDEAO sur les armes légères', 'Le texte impose le marquage des armes.', ['arms_control'], []],
  ['fr hard negative: arms before a protocol', 'Les soldats rendent les armes selon le protocole', 'La cérémonie a eu lieu à la caserne.', [], ['arms_control']],
  ['en convention on small arms', 'Ghana ratifies the regional convention on small arms', 'Parliament voted on Tuesday.', ['arms_control'], []],
  // Licensed production is not an export licence, and « une partie » is not a game.
  ['fr licensed production is a contract, not a licence', 'L’Inde signe pour 100 obusiers', 'New Delhi a signé un contrat pour la production sous licence de 100 obusiers automoteurs, dont une partie sera assemblée à Pune.', ['arms_trade'], []],
  ['fr hard negative: an export licence still vetoes a sale cue', 'Exportations', 'Le fabricant attend la licence d’exportation pour livrer 100 obusiers.', [], ['arms_trade']],
  // A defence maker described as such (en), and a maker's chief speaking for it.
  ['en defence maker with record orders', 'Defence electronics maker posts record orders', 'The company will hire 900 engineers.', ['defense_industry'], []],
  ['en hard negative: a toy maker', 'Toy maker posts record orders', 'The company will hire 900 engineers.', [], ['defense_industry']],
  ['fr a maker’s chief speaking for it', 'Le Caire produira des obusiers', 'Le constructeur a inauguré une ligne.\n\nSon directeur général a précisé que l’entreprise visait d’autres clients en Afrique.\n\nLe patron du groupe a aussi évoqué une nouvelle usine de munitions.', ['defense_industry'], []],
  ['en hard negative: a start-up’s chief', 'Lunar rover start-up raises funds', 'Its chief executive said his company would build two rovers.\n\nThe company’s chief added that investors were keen.', [], ['defense_industry']],
];

describe('round 4: topic distinctions on positives', () => {
  it.each(cases)('%s', (_mechanism, title, text, must, mustNot) => {
    const topics = topicsOf(title, text);
    for (const t of must) expect(topics).toContain(t);
    for (const t of mustNot) expect(topics).not.toContain(t);
  });
});

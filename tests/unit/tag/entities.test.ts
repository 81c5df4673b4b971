// Countries, regions and organizations: the tricky cases of docs/TAXONOMY.md.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../src/tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../../../src/tag/tag.ts';

let rules: CompiledRules;
beforeAll(() => {
  rules = loadRules();
});

const entities = (text: string) => {
  const r = tagArticle({ title: '', text }, rules);
  return { countries: r.countries.map((e) => e.id), regions: r.regions.map((e) => e.id), organizations: r.organizations.map((e) => e.id) };
};

describe('countries', () => {
  it.each([
    ['« Afrique du Sud » is ZA, not the region', 'Le partenariat avec l’Afrique du Sud progresse.', ['ZA'], []],
    ['the demonym sud-africain is ZA', 'Le groupe sud-africain a livré des blindés.', ['ZA'], []],
    ['compound adjectives', 'Un exercice franco-allemand et un accord algéro-russe.', ['DE', 'DZ', 'FR', 'RU'], []],
    ['équato-guinéen is GQ, not GN', 'Le gouvernement équato-guinéen a protesté.', ['GQ'], []],
    ['Niger vs Nigeria', 'Les soldats nigériens et l’armée nigériane patrouillent.', ['NE', 'NG'], []],
    ['delta du Niger is not a country', 'Des pirates opèrent dans le delta du Niger.', [], []],
    ['océan Indien is not India', 'Une frégate patrouille dans l’océan Indien.', [], []],
    ['Soudan vs Soudan du Sud', 'Le Soudan et le Soudan du Sud négocient.', ['SD', 'SS'], []],
    ['RDC vs Congo-Brazzaville', 'La RDC accuse le Congo-Brazzaville.', ['CD', 'CG'], []],
    ['centrafricain is CF, not africa', 'L’armée centrafricaine a reçu des instructeurs.', ['CF'], []],
    ['capital metonyms', 'Moscou a livré des armes que Bamako a réceptionnées ; Washington proteste.', ['ML', 'RU', 'US'], []],
    ['Arabic metonyms and adjectives', 'أعلنت القاهرة أن الفرقاطة الإيطالية وصلت إلى موسكو', ['EG', 'IT', 'RU'], []],
    ['Russian inflections', 'Поставки из России в Египет и ЮАР', ['EG', 'RU', 'ZA'], []],
    ['Portuguese feminine demonym', 'A fabricante brasileira entregou os aviões.', ['BR'], []],
    ['a copy without accents', 'La Cote d Ivoire et l Egypte, selon l armee senegalaise.', ['CI', 'EG', 'SN'], []],
  ])('%s', (_name, text, countries, regions) => {
    const e = entities(text);
    expect(e.countries).toEqual(countries);
    expect(e.regions).toEqual(regions);
  });
});

describe('regions', () => {
  it.each([
    ['Afrique du Nord is the Maghreb, not africa', 'Les pays d’Afrique du Nord et du Sahel.', ['maghreb', 'sahel']],
    ['adjectives', 'Les armées africaines et les partenaires européens en Amérique latine.', ['africa', 'europe', 'latin_america']],
    ['CIS in three scripts', 'La CEI, the CIS, СНГ.', ['cis']],
    ['an organization’s name does not name its region', 'L’Union africaine et l’Union européenne ont salué l’accord, comme l’Africa Corps.', []],
    ['Middle East and Southeast Asia', 'Au Proche-Orient comme en Asie du Sud-Est.', ['middle_east', 'southeast_asia']],
  ])('%s', (_name, text, regions) => {
    expect(entities(text).regions).toEqual(regions);
  });
});

describe('organizations', () => {
  it.each([
    ['Thales in a defence context', 'Thales a livré des radars de défense aérienne à l’armée.', ['thales']],
    ['Thalès the philosopher', 'Au bac de philosophie, Thalès de Milet et son théorème.', []],
    ['the Saab car', 'Road test: the Saab 900 Turbo is still a joy to drive, a classic car.', []],
    ['Saab with fighters', 'Saab offered Gripen fighter jets to the air force.', ['saab']],
    ['Leonardo da Vinci', 'Amboise célèbre Leonardo da Vinci, peintre de la Renaissance.', []],
    ['saffron', 'La récolte du safran mobilise les coopératives.', []],
    ['Wagner the composer', 'Die Festspiele zeigen Werke Wagners, das Orchester spielte Tristan.', []],
    ['Wagner the group', 'Les mercenaires de Wagner ont quitté Bamako.', ['wagner']],
    ['Kalashnikov rifles are not the group', 'Les rebelles étaient armés de fusils Kalachnikov.', []],
    ['the Kalashnikov group', 'Le groupe Kalachnikov, filiale de Rostec, a signé des contrats.', ['kalashnikov', 'rostec']],
    ['Dassault Systèmes is not Dassault Aviation', 'Dassault Systèmes publie ses résultats dans le logiciel.', []],
    ['Rommel’s Afrika Korps is not africa_corps', 'L’Afrika Korps de Rommel fut battu à El Alamein en 1942.', []],
    ['an RTX graphics card is not RTX', 'La carte graphique GeForce RTX 4090 est en promotion.', []],
    ['Cyrillic aliases', '«Рособоронэкспорт», входящий в госкорпорацию «Ростех»', ['rosoboronexport', 'rostec']],
    ['UA and UE only in capitals', 'L’UA et l’UE ont signé ; ua et ue en minuscules ne comptent pas.', ['african_union', 'eu']],
    ['UN in English, not the French article', 'The UN said un rapport était publié.', ['un']],
    ['civil Airbus and Boeing are still named', 'La compagnie a reçu un Airbus A330 et deux Boeing 737.', ['airbus', 'boeing']],
  ])('%s', (_name, text, organizations) => {
    expect(entities(text).organizations).toEqual(organizations);
  });
});

describe('entity evidence', () => {
  it('points into the original text and counts mentions', () => {
    const text = 'Le Mali et l’armée malienne ; Bamako.';
    const mali = tagArticle({ title: 'Mali', text }, rules).countries.find((c) => c.id === 'ML')!;
    const doc = `Mali\n\n${text}`;
    expect(mali.mentions).toBe(4);
    for (const e of mali.evidence) expect(doc.slice(e.start, e.end)).toBe(e.text);
    expect(mali.evidence.map((e) => e.text)).toEqual(['Mali', 'Mali', 'malienne']);
  });
});

// Aliases that are ordinary words or names in another supported language (docs/tagging.md,
// « homonyms » in rules/entities/countries.yaml): one hard negative per kind of collision, with
// the positive beside it.
describe('homonyms across languages', () => {
  const countriesOf = (text: string, lang?: string) => tagArticle({ title: '', text, lang }, rules).countries.map((e) => e.id);
  it.each([
    ['a foreign name that is a French word (pt/es « Seul »)', 'Seul le Mali a répondu. Il est le seul pays à avoir signé le seul accord.', 'fr', ['ML']],
    ['the same name in its own language counts', 'O presidente visitou Seul e Tóquio na semana passada para discutir defesa.', 'pt', ['JP', 'KR']],
    ['a Spanish word that is a Portuguese name (« gana »)', 'Gana el contrato la empresa local y gana también el apoyo de Chile en la licitación.', 'es', ['CL']],
    ['a name that is a common noun needs a capital (turkey)', 'We served turkey and chili at the party, then polished the china.', 'en', []],
    ['the capitalized name counts', 'Turkey and China signed the deal; Polish officials objected.', 'en', ['CN', 'PL', 'TR']],
    ['a first name next to a surname (Chad, Jordan, Paris)', 'Chad Smith met Michael Jordan and Paris Hilton; Jordan Bardella spoke later.', 'en', []],
    ['the same names alone are countries', 'Chad and Jordan bought drones; in Jordan the army also received trucks.', 'en', ['JO', 'TD']],
    ['a title-case headline is not a person', 'Chad Buys Turkish Drones', 'en', ['TD', 'TR']],
    ['the US state is not the country', 'The governor of Georgia signed the bill in Atlanta.', 'en', []],
    ['a compound prefix needs its hyphen (Franco, sino)', 'El general Franco gobernó; Carlos Franco y Sino Torres hablaron.', 'es', []],
    ['the compound prefix with its hyphen', 'Un accord franco-allemand et la rivalité sino-indienne.', 'fr', ['CN', 'DE', 'FR', 'IN']],
    ['a river is not its country', 'Le fleuve Congo et le bassin du Congo, puis le delta du Niger.', 'fr', []],
    ['idioms with a demonym', 'Une roulette russe, des montagnes russes et un couteau suisse au menu.', 'fr', []],
    ['a lower-case word that folds to a capital (paris sportifs, hexagone)', 'Les paris sportifs explosent ; un hexagone a six côtés.', 'fr', []],
    ['a Russian pronoun that is Togo', 'После того как армия получила вертолёты, того же мнения был министр.', 'ru', []],
    ['a German word that is the Portuguese Oman', 'Die Oma kauft ein Auto.', 'de', []],
  ])('%s', (_name, text, lang, expected) => {
    expect(countriesOf(text, lang)).toEqual(expected);
  });

  it('a word of the composer, not the group (wagnérien)', () => {
    const r = tagArticle({ title: '', text: 'Le ténor wagnérien a chanté Tristan au festival de Bayreuth.', lang: 'fr' }, rules);
    expect(r.organizations.map((e) => e.id)).toEqual([]);
  });
});

// Generates bench/corpus/fr-articles.txt: about 1.2 MB of French news-like text composed from
// the sentence patterns below (written for vigie's benchmark; no third-party text). Articles
// are separated by a line "=====" and start with their title. Deterministic (seeded).
// Run: node bin/run-ts.js bench/corpus/generate.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const countries = ['le Mali', 'le Niger', 'le Burkina Faso', 'le Sénégal', 'la Côte d’Ivoire', 'le Tchad', 'le Cameroun', 'le Gabon', 'le Maroc', 'l’Algérie', 'la Tunisie', 'l’Égypte', 'le Nigeria', 'le Togo', 'le Bénin', 'la Guinée', 'la Mauritanie', 'le Rwanda', 'la RDC', 'l’Angola', 'le Mozambique', 'l’Afrique du Sud', 'le Kenya', 'l’Éthiopie'];
const suppliers = ['la Russie', 'la France', 'la Turquie', 'la Chine', 'les États-Unis', 'l’Italie', 'l’Allemagne', 'Israël', 'les Émirats arabes unis', 'la Corée du Sud', 'le Brésil', 'l’Inde'];
const capitals = ['Bamako', 'Niamey', 'Ouagadougou', 'Dakar', 'Abidjan', 'N’Djamena', 'Yaoundé', 'Libreville', 'Rabat', 'Alger', 'Tunis', 'Le Caire', 'Abuja', 'Lomé', 'Cotonou', 'Conakry', 'Nouakchott', 'Kigali', 'Kinshasa', 'Luanda', 'Maputo', 'Pretoria', 'Nairobi', 'Addis-Abeba'];
const systems = ['hélicoptères de combat Mi-35', 'drones Bayraktar TB2', 'véhicules blindés', 'avions d’entraînement', 'patrouilleurs hauturiers', 'systèmes de défense aérienne', 'canons Caesar', 'avions de transport C295', 'drones Akinci', 'radars de surveillance', 'fusils d’assaut', 'munitions d’artillerie'];
const makers = ['Rosoboronexport', 'Thales', 'Naval Group', 'Baykar', 'Aselsan', 'Norinco', 'Arquus', 'KNDS', 'Airbus Defence and Space', 'Embraer', 'Paramount Group', 'Elbit Systems', 'MBDA', 'Safran'];
const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const patterns: ((p: Pick) => string)[] = [
  (p) => `${cap(p.country)} a réceptionné ${p.n} ${p.system} livrés par ${p.supplier}, a annoncé ${p.capital} ${p.weekday}.`,
  (p) => `Le contrat, signé en ${p.month} dernier avec ${p.maker}, prévoit aussi la formation des équipages et un soutien logistique de trois ans.`,
  (p) => `Selon le ministère de la Défense, ces équipements doivent renforcer la surveillance des frontières et la lutte contre les groupes armés.`,
  (p) => `Les experts de l’ONU ont de nouveau dénoncé un trafic d’armes transfrontalier alimentant les groupes jihadistes dans la région.`,
  (p) => `Une saisie de ${p.n} fusils et de plusieurs milliers de cartouches a été réalisée près de la frontière, selon la gendarmerie.`,
  (p) => `${p.maker} a publié un chiffre d’affaires en hausse de ${p.n} % et affirme que son carnet de commandes n’a jamais été aussi rempli.`,
  (p) => `Le sommet entre ${p.supplier} et ${p.country} s’est conclu par un accord de coopération militaire portant sur la formation d’officiers.`,
  (p) => `L’Union européenne a approuvé une aide militaire de ${p.n} millions d’euros au titre de la Facilité européenne pour la paix.`,
  (p) => `La présence de mercenaires et de sociétés militaires privées inquiète les organisations de défense des droits humains.`,
  (p) => `Le Conseil de sécurité a prolongé l’embargo sur les armes et le mandat du groupe d’experts chargé de le surveiller.`,
  (p) => `À ${p.capital}, le marché central a rouvert ${p.weekday} après des travaux de rénovation qui ont duré ${p.n} mois.`,
  (p) => `La saison des pluies a commencé plus tôt que prévu, et les agriculteurs espèrent une meilleure récolte de mil et de sorgho.`,
  (p) => `Le match de championnat s’est terminé sur un score de ${p.n % 4} à ${p.n % 3}, la défense ayant tenu bon jusqu’au coup de sifflet final.`,
  (p) => `Les rafales de vent ont dépassé ${p.n + 60} km/h sur la côte, provoquant des coupures d’électricité dans plusieurs quartiers.`,
  (p) => `Le gouvernement a présenté ${p.weekday} un budget qui prévoit une hausse des dépenses d’éducation et de santé.`,
  (p) => `Les analystes rappellent que ${p.supplier} est devenu l’un des principaux fournisseurs d’armement du continent africain.`,
  (p) => `Des instructeurs étrangers encadrent depuis ${p.month} les nouvelles unités, dans le cadre d’un partenariat de défense renouvelé.`,
  (p) => `Le salon de l’armement a réuni ${p.n * 10} exposants, dont ${p.maker}, venus présenter leurs derniers systèmes.`,
  (p) => `Les prix du riz et de l’huile ont encore augmenté en ${p.month}, selon l’institut national de la statistique.`,
  (p) => `L’opposition a dénoncé l’opacité des achats d’armes et réclame une commission d’enquête parlementaire.`,
];

interface Pick { country: string; supplier: string; capital: string; system: string; maker: string; month: string; weekday: string; n: number }

/** Returns a deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Returns the corpus text (articles separated by "\n=====\n"). */
export function generateCorpus(targetChars: number, seed = 42): string {
  const random = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const articles: string[] = [];
  let size = 0;
  while (size < targetChars) {
    const p: Pick = { country: pick(countries), supplier: pick(suppliers), capital: pick(capitals), system: pick(systems), maker: pick(makers), month: pick(months), weekday: pick(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']), n: 2 + Math.floor(random() * 40) };
    const title = `${cap(p.country.replace(/^(le|la|les|l’) /, ''))} : ${pick(['nouvelles livraisons', 'le débat sur la sécurité', 'la saison agricole', 'les résultats de l’industrie', 'la coopération régionale', 'les marchés'])}`;
    const paragraphs: string[] = [];
    for (let k = 0; k < 4; k++) paragraphs.push(Array.from({ length: 3 }, () => pick(patterns)(p)).join(' '));
    const article = `${title}\n\n${paragraphs.join('\n\n')}`;
    articles.push(article);
    size += article.length;
  }
  return articles.join('\n=====\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const out = fileURLToPath(new URL('./fr-articles.txt', import.meta.url));
  writeFileSync(out, generateCorpus(1_200_000) + '\n');
  console.log(`wrote ${out}`);
}

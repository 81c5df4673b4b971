// The parser's case table, shared by the unit test (TypeScript parser) and the integration test
// that checks that PostgreSQL's search_parse gives exactly the same AST or error.
import type { QueryAst } from '../../../src/search/query.ts';

export interface QueryCase {
  name: string;
  query: string;
  ast?: QueryAst;
  error?: RegExp;
}

const w = (word: string) => ({ word });
const p = (phrase: string) => ({ phrase });
const all = (...clauses: QueryAst['clauses']) => ({ clauses });
const any = (...terms: ({ word: string } | { phrase: string })[]) => ({ any: terms });
const not = (term: { word: string } | { phrase: string }) => ({ not: term });

export const QUERY_CASES: QueryCase[] = [
  { name: 'one word', query: 'Rosoboronexport', ast: all(any(w('Rosoboronexport'))) },
  { name: 'implicit AND', query: 'armes  Sahel', ast: all(any(w('armes')), any(w('Sahel'))) },
  { name: 'tabs, newlines and no-break spaces separate words', query: 'armes\tSahel\u00a0Mali\nNiger', ast: all(any(w('armes')), any(w('Sahel')), any(w('Mali')), any(w('Niger'))) },
  { name: 'quoted phrase', query: '"vente d\'armes"', ast: all(any(p("vente d'armes"))) },
  { name: 'French guillemets with narrow no-break spaces', query: '«\u202fvente d’armes\u202f»', ast: all(any(p("vente d'armes"))) },
  { name: 'curly double quotes', query: '“arms embargo” Sudan', ast: all(any(p('arms embargo')), any(w('Sudan'))) },
  { name: 'OR binds tighter than AND', query: 'Wagner OR "Africa Corps" Mali', ast: all(any(w('Wagner'), p('Africa Corps')), any(w('Mali'))) },
  { name: 'OR chain', query: 'Mali OR Niger OR Burkina', ast: all(any(w('Mali'), w('Niger'), w('Burkina'))) },
  { name: 'French OU and pipe', query: 'Mali OU Niger | Tchad', ast: all(any(w('Mali'), w('Niger'), w('Tchad'))) },
  { name: 'lower-case or/ou are plain words', query: 'Mali or Niger ou Tchad', ast: all(any(w('Mali')), any(w('or')), any(w('Niger')), any(w('ou')), any(w('Tchad'))) },
  { name: 'explicit AND / ET are no-ops', query: 'Mali AND drones ET Turquie', ast: all(any(w('Mali')), any(w('drones')), any(w('Turquie'))) },
  { name: 'operators of other languages are words', query: 'Mali ODER Niger ИЛИ Чад', ast: all(any(w('Mali')), any(w('ODER')), any(w('Niger')), any(w('ИЛИ')), any(w('Чад'))) },
  { name: 'exclusion of a word', query: 'Wagner -football', ast: all(any(w('Wagner')), not(w('football'))) },
  { name: 'exclusion of a phrase', query: 'Rafale -"rafale de vent"', ast: all(any(w('Rafale')), not(p('rafale de vent'))) },
  { name: 'exclusion first', query: '-football Wagner', ast: all(not(w('football')), any(w('Wagner'))) },
  { name: 'double dash is one exclusion', query: 'Wagner --football', ast: all(any(w('Wagner')), not(w('football'))) },
  { name: 'lone dash ignored', query: 'Wagner - football', ast: all(any(w('Wagner')), any(w('football'))) },
  { name: 'hyphenated word kept whole', query: 'sud-africain Denel', ast: all(any(w('sud-africain')), any(w('Denel'))) },
  { name: 'French elision removed from words', query: "l'armée d'Afrique qu'elle", ast: all(any(w('armée')), any(w('Afrique')), any(w('elle'))) },
  { name: 'typographic apostrophe elision', query: 'l’Union jusqu’au', ast: all(any(w('Union')), any(w('au'))) },
  { name: 'elision kept inside phrases', query: '"l\'armée malienne"', ast: all(any(p("l'armée malienne"))) },
  { name: 'aujourd\'hui is not an elision', query: "aujourd'hui", ast: all(any(w("aujourd'hui"))) },
  { name: 'accents and case kept for the compiler', query: 'SÉCURITÉ sécurité securite', ast: all(any(w('SÉCURITÉ')), any(w('sécurité')), any(w('securite'))) },
  { name: 'decomposed accents normalized to NFC', query: 'se\u0301curite\u0301', ast: all(any(w('sécurité'))) },
  { name: 'Cyrillic', query: 'Рособоронэкспорт -футбол', ast: all(any(w('Рособоронэкспорт')), not(w('футбол'))) },
  { name: 'unbalanced quote runs to the end', query: 'Mali "vente d\'armes', ast: all(any(w('Mali')), any(p("vente d'armes"))) },
  { name: 'quote glued to a word', query: 'armes"Sahel"Mali', ast: all(any(w('armes')), any(p('Sahel')), any(w('Mali'))) },
  { name: 'empty phrase ignored', query: 'Mali ""', ast: all(any(w('Mali'))) },
  { name: 'leading, trailing and doubled OR ignored', query: 'OR Mali OR OR Niger OR', ast: all(any(w('Mali'), w('Niger'))) },
  { name: 'parentheses are punctuation', query: '(Mali OR Niger) drones', ast: all(any(w('(Mali'), w('Niger)')), any(w('drones'))) },
  { name: 'emoji survive', query: 'drones 🚁', ast: all(any(w('drones')), any(w('🚁'))) },
  { name: 'empty query', query: '', error: /^search: empty query$/ },
  { name: 'blank query', query: '  \u00a0 ', error: /^search: empty query$/ },
  { name: 'only quotes', query: '"" ""', error: /^search: empty query$/ },
  { name: 'only OR', query: 'OR', error: /^search: empty query$/ },
  { name: 'only exclusions', query: '-football -"rafale de vent"', error: /^search: a query needs at least one term that is not excluded: '-football -"rafale de vent"'$/ },
  { name: 'exclusion inside OR', query: 'Wagner OR -football', error: /^search: an excluded term cannot be an alternative of OR: 'Wagner OR -football'$/ },
  { name: 'OR after an exclusion', query: '-football OR Wagner', error: /^search: an excluded term cannot be an alternative of OR/ },
  { name: 'too long', query: 'a'.repeat(1001), error: /^search: a query must be 1 to 1000 characters long$/ },
];

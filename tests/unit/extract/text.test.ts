import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs, countWords, elementToText, isBoilerplate, isSectionEnd, normalizeSpace, trimLeadingHeader } from '../../../src/extract/text.ts';

const LONG = 'Le gouvernement a confirmé la commande de douze hélicoptères de transport auprès du constructeur européen cette semaine.';

describe('elementToText', () => {
  const text = (html: string, title: string | null = null) => elementToText(new JSDOM(`<body><div id="r">${html}</div></body>`).window.document.getElementById('r')!, title);
  it.each([
    ['paragraphs separated by a blank line', '<p>Un.</p><p>Deux.</p>', 'Un.\n\nDeux.'],
    ['inline elements stay in their paragraph', '<p>Les <b>FAMa</b> et l’<a href="#">armée</a> de l’air</p>', 'Les FAMa et l’armée de l’air'],
    ['whitespace and non-breaking spaces normalized', '<p>  Prix :\u00a0200\u202fmillions\n\n d’euros </p>', 'Prix : 200 millions d’euros'],
    ['<br> splits paragraphs', '<p>Ligne un<br>Ligne deux</p>', 'Ligne un\n\nLigne deux'],
    ['list items are paragraphs', '<ul><li>drones ;</li><li>blindés.</li></ul>', 'drones ;\n\nblindés.'],
    ['table cells separated by a space', '<table><tr><td>Russie</td><td>24 %</td></tr></table>', 'Russie 24 %'],
    ['buttons and scripts dropped', '<p>Texte</p><button>Partager</button><script>x()</script>', 'Texte'],
    ['a repeated paragraph kept once', '<p>Même.</p><p>Même.</p>', 'Même.'],
  ])('%s', (_label, html, expected) => {
    expect(text(html)).toBe(expected);
  });
  it('drops the header lines that repeat title, byline and date', () => {
    expect(text(`<p>Chronique</p><h1>Blindés pour Riyad</h1><p>Par Geneviève Tremblay</p><p>2 février 2024, 13 h 00</p><p>${LONG}</p>`, 'Blindés pour Riyad')).toBe(LONG);
  });
});

describe('isBoilerplate', () => {
  it.each([
    ['À lire aussi : Burkina Faso, des drones Akinci', true],
    ['A LIRE AUSSI', true],
    ['Lire la suite', true],
    ['Publicité', true],
    ['Partager cet article', true],
    ['Abonnez-vous à notre newsletter', true],
    ['En vidéo, 4 aliments à privilégier', true],
    ['Nous utilisons des cookies pour améliorer votre expérience.', true],
    ['Le ministre a refusé de lire aussi vite le rapport.', false],
    ['Publicité trompeuse : l’industriel condamné à une amende de deux millions d’euros pour avoir vanté ses blindés', false],
    [LONG, false],
  ])('%s → %s', (p, expected) => {
    expect(isBoilerplate(p)).toBe(expected);
  });
});

describe('cleanParagraphs and isSectionEnd', () => {
  it.each([
    ['Sur le même sujet', true],
    ['3 commentaires', true],
    ['Laisser un commentaire', true],
    ['Verwandte Beiträge', true],
    ['Les commentaires du ministre ont choqué les diplomates', false],
  ])('section end %s → %s', (p, expected) => {
    expect(isSectionEnd(p)).toBe(expected);
  });
  it('cuts at a related-links heading after the first third, not before', () => {
    expect(cleanParagraphs([LONG, LONG + ' Bis.', 'Sur le même sujet', 'Niger : premiers vols'])).toEqual([LONG, LONG + ' Bis.']);
    expect(cleanParagraphs(['Commentaires', LONG, LONG + ' Bis.'])).toEqual(['Commentaires', LONG, LONG + ' Bis.']);
  });
  it('trimLeadingHeader keeps a body that starts at once', () => {
    expect(trimLeadingHeader([LONG, 'Chronique'], 'Titre')).toEqual([LONG, 'Chronique']);
  });
});

describe('countWords and normalizeSpace', () => {
  it.each([
    ['l’armée de l’air', 3],
    ["c'est-à-dire", 1],
    ['Rafale, Mirage 2000-5 et A400M.', 5],
    ['', 0],
    ['  ', 0],
    ['Sénégal : 200 millions d’euros', 4],
  ])('%s → %d words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
  it('normalizeSpace', () => {
    expect(normalizeSpace(' a\u00a0\u202f b\n\tc\u200b ')).toBe('a b c');
  });
});

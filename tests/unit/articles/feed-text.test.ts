import { describe, expect, it } from 'vitest';
import { htmlToParagraphs } from '../../../src/articles/feed-text.ts';
import { countWords } from '../../../src/extract/text.ts';

describe('htmlToParagraphs', () => {
  it.each([
    ['plain text is only trimmed', '  La Russie   livre des armes.  ', 'La Russie livre des armes.'],
    ['paragraphs become blank-line separated', '<p>Premier paragraphe.</p><p>Deuxième paragraphe, avec « guillemets ».</p>',
      'Premier paragraphe.\n\nDeuxième paragraphe, avec « guillemets ».'],
    ['entities are decoded', '<p>L&#8217;agence d&eacute;voile&nbsp;ses chiffres &amp; ses partenaires</p>',
      'L’agence dévoile ses chiffres & ses partenaires'],
    ['scripts and styles are dropped', '<p>Texte</p><script>alert("x")</script><style>p{}</style><p>Suite</p>', 'Texte\n\nSuite'],
    ['inline markup keeps words together', '<p>Le <strong>Rafale</strong> a été <a href="/x">commandé</a>.</p>', 'Le Rafale a été commandé.'],
    ['line breaks inside a paragraph split it', 'Ligne un<br>Ligne deux', 'Ligne un\n\nLigne deux'],
    ['empty input', '', ''],
  ])('%s', (_name, html, expected) => {
    expect(htmlToParagraphs(html)).toBe(expected);
  });
});

describe('countWords', () => {
  it.each([
    ['L’agence russe d’exportation d’armements', 4],
    ['Sud-Africains et Russes : 43 pays sur 54.', 7],
    ['', 0],
  ])('%s → %i', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

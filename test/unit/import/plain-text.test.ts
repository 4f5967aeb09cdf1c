/** Plain-text rules, dates and language detection on small inline samples. */
import { describe, expect, it } from 'vitest';
import { findDate } from '../../../src/main/import/dates';
import { detectLanguage, isWordSeparator } from '../../../src/main/import/language';
import { parsePlainText, relatedFromDump } from '../../../src/main/import/plain-text';

describe('parsePlainText metadata lines in several languages', () => {
  const cases: Array<
    [string, { source: string; date: string; authors?: string[]; paragraphs: number }]
  > = [
    [
      "Le tramway arrive\n\nPublié le 3 mars 2024 à 14h30\n\nLe tramway desservira le quartier à partir de l'automne prochain, a annoncé la métropole.\n\nLes habitants attendent.\n\nSource : Le Progrès",
      { source: 'Le Progrès', date: '2024-03-03T14:30', paragraphs: 2 },
    ],
    [
      'Neue Fähre\n\nVeröffentlicht am 6. Mai 2024, 08:30 Uhr\n\nEine neue Fähre verbindet seit Montag die drei größten Inseln der Region.\n\nQuelle: Nordsee Kurier',
      { source: 'Nordsee Kurier', date: '2024-05-06T08:30', paragraphs: 1 },
    ],
    [
      'Nuevo puente\n\n12 de marzo de 2024\n\nEl nuevo puente fue inaugurado el martes por las autoridades de la ciudad.\n\nFuente: El Diario',
      { source: 'El Diario', date: '2024-03-12', paragraphs: 1 },
    ],
    [
      'Title here\nUpdated on March 5, 2024 at 3:45 pm EST\n\nBody text is long enough to be a paragraph of the article, with a comma.\n\nBy Jane Doe and John Smith',
      { source: '', date: '2024-03-05T15:45', authors: ['Jane Doe', 'John Smith'], paragraphs: 1 },
    ],
    [
      'Заголовок новости\n\nОпубликовано: 12.02.2025 14:30\n\nТекст новости достаточно длинный, чтобы быть абзацем.\n\nИсточник: РИА',
      { source: 'РИА', date: '2025-02-12T14:30', paragraphs: 1 },
    ],
  ];
  for (const [text, exp] of cases) {
    it(text.split('\n')[0] as string, () => {
      const a = parsePlainText(text);
      expect(a.source).toBe(exp.source);
      expect(a.publishedAt).toBe(exp.date);
      expect(a.paragraphs).toHaveLength(exp.paragraphs);
      if (exp.authors) expect(a.authors).toEqual(exp.authors);
    });
  }

  it('hard-wrapped text is re-joined and hyphenation mended', () => {
    const a = parsePlainText(
      'A title\n\nThe first line of a para-\ngraph continues here and\nends here.\n\nSecond paragraph.\n',
    );
    expect(a.paragraphs).toEqual([
      'The first line of a paragraph continues here and ends here.',
      'Second paragraph.',
    ]);
  });

  it('"Related" blocks become related items, not body', () => {
    const a = parsePlainText(
      'Headline\n\nBody paragraph of the story, long enough to count.\n\nRead also:\nOther story one\nOther story two\n',
    );
    expect(a.paragraphs).toEqual(['Body paragraph of the story, long enough to count.']);
    expect(a.related.map((r) => r.title)).toEqual(['Other story one', 'Other story two']);
  });

  it('leaked dumps with unescaped quotes keep whole titles, and urls when present', () => {
    const r = relatedFromDump(
      '[{"id":"1","title":"He said "no" twice","url":"https://x.example/a"} ,{"title":"B"}]',
    );
    expect(r).toEqual([
      { title: 'He said "no" twice', url: 'https://x.example/a' },
      { title: 'B' },
    ]);
  });
});

describe('findDate', () => {
  const cases: Array<[string, string]> = [
    ['Thu Nov 24, 2016 22:25:10', '2016-11-24T22:25:10'],
    ['Среда, 12 февраля 2025, 14:30', '2025-02-12T14:30'],
    ['الأحد 14 أبريل 2024', '2024-04-14'],
    ['الأحد ١٤ أبريل ٢٠٢٤', '2024-04-14'],
    ['Fri, 21 Nov 2025 07:02:11 +0100', '2025-11-21T07:02:11+01:00'],
    ['2024-07-18T06:45:00+02:00', '2024-07-18T06:45:00+02:00'],
    ['2024-07-18T06:45:00Z', '2024-07-18T06:45:00Z'],
    ['15 березня 2024', '2024-03-15'],
    ['31/12/2023', '2023-12-31'],
    ['12/31/2023', '2023-12-31'],
    ['March 3rd, 2025', '2025-03-03'],
  ];
  for (const [text, iso] of cases) it(text, () => expect(findDate(text)?.iso).toBe(iso));
  it('rejects impossible dates and plain numbers', () => {
    expect(findDate('1.9 million containers in 2024')).toBeNull();
    expect(findDate('2024-13-45')).toBeNull();
  });
});

describe('detectLanguage', () => {
  const cases: Array<[string, string]> = [
    ['The council said on Monday that the plan was approved by the members of the board.', 'en'],
    ['Городские власти заявили, что новый план обойдётся дороже, чем ожидалось.', 'ru'],
    ['Міська влада заявила, що новий план коштуватиме дорожче, ніж очікувалося.', 'uk'],
    ['قال المجلس يوم الاثنين إن الخطة الجديدة ستكلف أكثر من المتوقع', 'ar'],
    [
      'Le conseil a annoncé lundi que le projet coûterait plus cher que prévu pour les habitants.',
      'fr',
    ],
    [
      'Der Stadtrat teilte am Montag mit, dass der Plan teurer werde als erwartet und die Bewohner.',
      'de',
    ],
    [
      'El consejo dijo el lunes que el plan costaría más de lo esperado para los vecinos de la ciudad.',
      'es',
    ],
    [
      'Il consiglio ha detto che il piano costerà più del previsto per gli abitanti della città.',
      'it',
    ],
    [
      'De gemeenteraad zei maandag dat het plan duurder wordt dan verwacht voor de bewoners van de stad.',
      'nl',
    ],
    [
      'O conselho disse na segunda-feira que o plano custará mais do que o esperado para os moradores.',
      'pt',
    ],
    ['המועצה אמרה ביום שני כי התוכנית תעלה יותר מהצפוי', 'he'],
  ];
  for (const [text, lang] of cases)
    it(lang, () => expect(detectLanguage(text).language).toBe(lang));

  it('splits words exactly where the original split pattern did', () => {
    const separator = /[\s.,;:!?"“”«»„()[\]{}—–\-\d،؛]/;
    for (let c = 0; c <= 0xffff; c++) {
      if (isWordSeparator(c) !== separator.test(String.fromCharCode(c))) {
        expect.fail(`U+${c.toString(16)}`);
      }
    }
  });

  it('Bulgarian only without ы, э, ъ; stop words are whole words', () => {
    expect(
      detectLanguage('Той каза, че това е добре за града и те са доволни от това.').language,
    ).toBe('bg');
    expect(detectLanguage('Той каза, че това е добре за града и ты.').language).toBe('ru');
    expect(detectLanguage('Theme andes often thereby within').language).toBe('');
    expect(detectLanguage('THE AND OF the and').language).toBe('en');
  });
});

describe('more layouts', () => {
  it('headline + standfirst block, byline with job title, time before date, wire without comma', () => {
    const a = parsePlainText(`Ferry service resumes after storm
Boats will run on a reduced timetable until Friday

By John Smith, Transport Correspondent
Updated: 14:05, 3 February 2024

PORTSMOUTH (Coastal News) - Ferry services resumed on Saturday after a two-day suspension caused by the storm.

Operators said boats would run on a reduced timetable until Friday.

Follow us on Twitter
Copyright 2024 Coastal News Ltd`);
    expect(a.title).toBe('Ferry service resumes after storm');
    expect(a.authors).toEqual(['John Smith']);
    expect(a.publishedAt).toBe('2024-02-03T14:05');
    expect(a.source).toBe('Coastal News');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs.join(' ')).not.toMatch(/Twitter|Copyright/);
  });

  it('an outlet/section line in another outlet, photo credits and share lines dropped', () => {
    const a = parsePlainText(`Iran Says Talks "Constructive"

Iran Says Talks "Constructive"
Mon Jan 09, 2017 10:15:00

Iran's foreign minister said talks with European powers in Geneva had been constructive, and that a further round would be held next month.

PRESS TV - Middle East

The minister told reporters the sides had agreed on a timetable, without giving details.

Photo: Reuters
Share this article

string(300) "[{"id":"1","title":"Other "quoted" story"} ,{"id":"2","title":"Second story"} ]"`);
    expect(a.source).toBe('Press TV');
    expect(a.section).toBe('Middle East');
    expect(a.publishedAt).toBe('2017-01-09T10:15:00');
    expect(a.paragraphs).toHaveLength(2);
    expect(a.related.map((r) => r.title)).toEqual(['Other "quoted" story', 'Second story']);
  });
});

describe('labelled header blocks', () => {
  it('Title:/Author:/Date:/Source:/URL:/Tags: lines fill the fields', () => {
    const a = parsePlainText(
      'Title: Water prices to rise\nAuthor: Eva Berg\nDate: 2024-06-01\nSource: Lake Post\nURL: https://lake-post.example/water\nTags: water, prices\n\nWater prices will rise by 4 percent next year, the utility said on Saturday.\n',
    );
    expect(a.title).toBe('Water prices to rise');
    expect(a.authors).toEqual(['Eva Berg']);
    expect(a.publishedAt).toBe('2024-06-01');
    expect(a.source).toBe('Lake Post');
    expect(a.url).toBe('https://lake-post.example/water');
    expect(a.tags).toEqual(['water', 'prices']);
    expect(a.paragraphs).toHaveLength(1);
  });
});

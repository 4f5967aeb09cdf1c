/**
 * A small, varied library for the exporter tests: an English wire story, an Arabic (RTL) and a
 * Russian (Cyrillic) article — texts copied from test/fixtures/articles — and a hostile one.
 */
import { clippingText } from '@shared/annotations';
import type { Highlight, HighlightColor } from '@shared/annotations';
import type { Clipping } from '@shared/clipping';
import type { ExportItem, ExportOptions } from '@shared/export/types';

export const GENERATED_AT = '2025-10-01T12:00:00.000Z';
export const OPTIONS: ExportOptions = {
  title: 'Transport clippings',
  subtitle: 'Spring 2025 <review>',
  includeBody: true,
  generatedAt: GENERATED_AT,
};

export function makeClipping(
  overrides: Partial<Clipping> & Pick<Clipping, 'id' | 'title'>,
): Clipping {
  return {
    source: '',
    section: '',
    authors: [],
    publishedAt: '',
    url: '',
    language: 'en',
    direction: 'ltr',
    tags: [],
    paragraphs: [],
    related: [],
    format: 'txt',
    encoding: { name: 'utf-8', guessed: false },
    original: { name: `${overrides.id}.txt`, size: 100, sha256: 'a'.repeat(64) },
    warnings: [],
    importedAt: '2025-09-30T08:00:00.000Z',
    deletedAt: '',
    ...overrides,
  };
}

let counter = 0;
/** A highlight of the `occurrence`-th match of `exact`, with correct selectors. */
export function makeHighlight(
  clipping: Clipping,
  exact: string,
  extra: { color?: HighlightColor; note?: string; tags?: string[]; occurrence?: number } = {},
): Highlight {
  const text = clippingText(clipping.paragraphs);
  let start = -1;
  for (let i = 0; i <= (extra.occurrence ?? 0); i += 1) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in ${clipping.id}`);
  counter += 1;
  return {
    id: `h-${clipping.id}-${counter}`,
    clippingId: clipping.id,
    color: extra.color ?? 'yellow',
    note: extra.note ?? '',
    tags: extra.tags ?? [],
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(start + exact.length, start + exact.length + 32),
    },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    createdAt: '2025-09-30T09:00:00.000Z',
    updatedAt: '2025-09-30T09:30:00.000Z',
  };
}

export function sampleItems(): ExportItem[] {
  counter = 0;
  const tram = makeClipping({
    id: 'c-tram',
    title: 'City Council Approves Tram Line to the Western Harbour',
    source: 'Nordic Wire',
    section: 'City',
    authors: ['Maria Lund'],
    publishedAt: '2025-03-03',
    url: 'https://nordic-wire.example/2025/03/tram-line',
    tags: ['transport', 'city/Malmö', 'public works'],
    coverage: {
      mediaType: 'print',
      page: 'A3',
      edition: 'Late city',
      reach: 125_000,
      reachSource: 'Publisher audit 2024',
      tone: 'negative',
      prominence: 'lead',
      entities: ['Jonas Ek', 'Transport committee'],
    },
    paragraphs: [
      "MALMÖ, Sweden, March 3, 2025 (Nordic Wire) - The city council voted 38 to 23 on Monday to build a 9-kilometre tram line linking the central station with the western harbour district, ending a decade of debate over how to serve the area's growing population.",
      "The line, expected to cost 2.4 billion crowns, will have 14 stops and is scheduled to open in 2029, according to the council's transport committee.",
      '"This is the most important transport decision the city has made in a generation," committee chair Jonas Ek told reporters after the vote.',
      'Opposition councillors argued that electric buses would deliver most of the benefit at a fraction of the price, and said they would ask the regional government to review the cost estimates.',
      'Construction is due to begin next spring, with the first section between the central station and the university campus opening in 2027.',
    ],
  });
  const lost = makeHighlight(tram, 'tram line', { color: 'purple', note: 'Edited away' });
  lost.quote = { ...lost.quote, exact: 'trams running on hydrogen' };
  lost.position = { ...lost.position, start: 5000, end: 5025 };
  const tramItem: ExportItem = {
    clipping: tram,
    highlights: [
      makeHighlight(tram, 'voted 38 to 23', { note: 'Close vote.', tags: ['politics/council'] }),
      makeHighlight(tram, '2.4 billion crowns', { color: 'green', tags: ['budget'] }),
      makeHighlight(
        tram,
        'the most important transport decision the city has made in a generation',
        {
          color: 'blue',
          note: 'Quote for the newsletter',
        },
      ),
      lost,
    ],
    note: 'Follow up with the transport committee.\n\nCheck the 2029 opening date.',
  };

  const water = makeClipping({
    id: 'c-water',
    title: 'افتتاح محطة جديدة لتحلية المياه على الساحل',
    source: 'وكالة الأنباء الساحلية',
    publishedAt: '2024-04-14',
    language: 'ar',
    direction: 'rtl',
    tags: ['water', 'مياه'],
    paragraphs: [
      'افتتحت الحكومة يوم الأحد محطة جديدة لتحلية مياه البحر بطاقة إنتاجية تبلغ مئتي ألف متر مكعب يوميا، في خطوة تهدف إلى تخفيف أزمة المياه في المدن الساحلية.',
      'وقال وزير الموارد المائية إن المحطة ستوفر مياه الشرب لنحو مليون نسمة، وإن العمل جار على إنشاء محطتين أخريين بحلول عام 2027.',
      'ورحب سكان المنطقة بالمشروع، لكنهم طالبوا بخفض أسعار المياه للأسر ذات الدخل المحدود.',
    ],
  });
  const waterItem: ExportItem = {
    clipping: water,
    highlights: [
      makeHighlight(water, 'محطة جديدة لتحلية مياه البحر', {
        color: 'pink',
        note: 'طاقة كبيرة',
        tags: ['water/desalination'],
      }),
    ],
    note: '',
  };

  const metro = makeClipping({
    id: 'c-metro',
    title: 'В московском метро открыли три новые станции',
    source: 'Городские новости',
    section: 'Транспорт',
    authors: ['Анна Петрова', 'van der Berg, Anna'],
    publishedAt: '2025-02-12T14:30',
    language: 'ru',
    tags: ['transport/metro'],
    format: 'txt',
    encoding: { name: 'windows-1251', guessed: true },
    paragraphs: [
      'Мэрия Москвы открыла три новые станции на Большой кольцевой линии метро, сообщила пресс-служба городского транспорта.',
      'Новые станции расположены на западном участке линии и, по оценкам городских властей, сократят время в пути для жителей соседних районов в среднем на 20 минут.',
      '«Это один из крупнейших проектов городского транспорта за последние годы», — заявил руководитель департамента транспорта.',
      'Движение поездов на новом участке начнётся в шесть часов утра в четверг.',
    ],
    warnings: ['The encoding was guessed (windows-1251).'],
  });
  // Stored position is stale (the text moved): the exporters must fall back to the quote.
  const stale = makeHighlight(metro, 'сократят время в пути', { color: 'purple', tags: ['time'] });
  stale.position = {
    ...stale.position,
    start: stale.position.start + 7,
    end: stale.position.end + 7,
  };
  const metroItem: ExportItem = {
    clipping: metro,
    highlights: [
      makeHighlight(metro, 'три новые станции на Большой кольцевой линии', { color: 'green' }),
      stale,
    ],
    note: 'Сравнить с планом на 2026 год.',
  };

  const hostile = makeClipping({
    id: 'c-hostile',
    title: '<img src=x onerror=alert(1)> ../../etc/passwd',
    source: '=HYPERLINK("http://evil.example","x")',
    section: "+cmd|' /C calc'!A0",
    authors: ['Reuters', '@admin'],
    publishedAt: '',
    url: 'javascript:alert(1)',
    tags: ['#bad tag', '123', '[[link]]'],
    paragraphs: [
      'Body with <b>tags</b> & "quotes", [[wiki]] #hash ==mark== %%c%% $x$ and a | pipe.',
      '- looks like a list',
      '@SUM(A1:A2)',
    ],
  });
  const hostileItem: ExportItem = {
    clipping: hostile,
    highlights: [
      makeHighlight(hostile, '<b>tags</b>', {
        note: '</mark><script>alert(1)</script>',
        tags: ['<svg onload=alert(1)>'],
      }),
    ],
    note: '<img src=x onerror=alert(1)>\n-2+3',
  };

  return [tramItem, waterItem, metroItem, hostileItem];
}

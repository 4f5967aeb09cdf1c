/**
 * Deterministic generators of realistic article files for benchmarks: plain-text news in
 * several layouts and languages, and saved web pages with the usual page furniture.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Small deterministic PRNG (mulberry32) so runs are comparable. */
export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS: Record<string, string[]> = {
  en: 'the council said on monday that the new plan would cost more than expected and residents were asked to comment before the vote officials added that work could begin next year although critics argued the project was too expensive'.split(
    ' ',
  ),
  ru: 'городские власти заявили в понедельник что новый план обойдётся дороже чем ожидалось жителей попросили высказаться до голосования чиновники добавили что работы могут начаться в следующем году'.split(
    ' ',
  ),
  fr: 'le conseil a annoncé lundi que le nouveau projet coûterait plus cher que prévu et les habitants ont été invités à donner leur avis avant le vote selon les responsables'.split(
    ' ',
  ),
  de: 'der stadtrat teilte am montag mit dass der neue plan teurer werde als erwartet und die bewohner wurden gebeten sich vor der abstimmung zu äußern sagten die beamten'.split(
    ' ',
  ),
  ar: 'قال المجلس يوم الاثنين إن الخطة الجديدة ستكلف أكثر من المتوقع وطلب من السكان إبداء آرائهم قبل التصويت وأضاف المسؤولون أن العمل قد يبدأ العام المقبل'.split(
    ' ',
  ),
};
const OUTLETS = [
  'Nordic Wire',
  'The Coastal Herald',
  'Valley Gazette',
  'Midland Courier',
  'Campus Times',
  'Городские новости',
  'Le Progrès',
  'Nordsee Kurier',
];
const PEOPLE = ['Maria Lund', 'Amira Haddad', 'Tom Price', 'Jonas Ek', 'Anna Berg', 'Lars Brandt'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function sentence(rnd: () => number, lang: string): string {
  const words = WORDS[lang] ?? (WORDS['en'] as string[]);
  const n = 12 + Math.floor(rnd() * 18);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(rnd, words));
  if (rnd() < 0.4) out.splice(3 + Math.floor(rnd() * 5), 0, `${Math.floor(rnd() * 900) + 10},`);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** A paragraph of 2–4 sentences from the same vocabulary as the generated articles. */
export function paragraph(rnd: () => number, lang: string): string {
  const n = 2 + Math.floor(rnd() * 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rnd, lang));
  return out.join(' ');
}

/** One plain-text article of roughly 3–6 KB in one of several real-world layouts. */
export function generateTextArticle(
  rnd: () => number,
  index: number,
): { name: string; content: string } {
  const lang = rnd() < 0.7 ? 'en' : pick(rnd, ['ru', 'fr', 'de', 'ar']);
  const title = sentence(rnd, lang).replace(/\.$/, '').slice(0, 90);
  const outlet = pick(rnd, OUTLETS);
  const year = 2015 + Math.floor(rnd() * 11);
  const month = Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const target = 3000 + Math.floor(rnd() * 3000);
  const body: string[] = [];
  let size = 0;
  while (size < target) {
    const p = paragraph(rnd, lang);
    body.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  const layout = index % 4;
  let lines: string[];
  if (layout === 0) {
    // Alalam style: title twice, date line, outlet line mid-text, leaked PHP dump.
    const related = Array.from(
      { length: 5 },
      (_, i) => `{"id":"${i}","title":"${sentence(rnd, 'en').slice(0, 60)}"}`,
    ).join(' ,');
    lines = [
      title,
      '',
      title,
      `Thu ${MONTHS[month]?.slice(0, 3)} ${day}, ${year} 22:25:10`,
      '',
      body[0] ?? '',
      '',
      `${outlet.toUpperCase()} - Europe`,
      '',
      ...body.slice(1).flatMap((p) => [p, '']),
      '',
      `string(${related.length}) "[${related}]"`,
    ];
  } else if (layout === 1) {
    // Wire style with CRLF, byline, dateline, ads and credits.
    const who = pick(rnd, PEOPLE);
    lines = [
      title,
      '',
      `By ${who}`,
      '',
      `MALMÖ, Sweden, ${MONTHS[month]} ${day}, ${year} (${outlet}) - ${body[0] ?? ''}`,
      '',
      ...body.slice(1).flatMap((p, i) => (i === 2 ? ['Advertisement', '', p, ''] : [p, ''])),
      `(Reporting by ${who}; Editing by Peter Holm)`,
      '',
      `© ${year} ${outlet}. All rights reserved.`,
    ];
    return { name: `article-${index}.txt`, content: lines.join('\r\n') };
  } else if (layout === 2) {
    lines = [
      title,
      '',
      `Published: ${day} ${MONTHS[month]} ${year}`,
      '',
      ...body.flatMap((p) => [p, '']),
      `Source: ${outlet}`,
    ];
  } else {
    // Hard-wrapped at 72 columns.
    const wrap = (p: string): string[] => {
      const out: string[] = [];
      let line = '';
      for (const w of p.split(' ')) {
        if (line && line.length + w.length + 1 > 72) {
          out.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) out.push(line);
      return out;
    };
    lines = [
      title,
      `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      '',
      ...body.flatMap((p) => [...wrap(p), '']),
    ];
  }
  return { name: `article-${index}.txt`, content: lines.join('\n') };
}

/** One saved web page of roughly `targetBytes` (default ~100 KB) with realistic furniture. */
export function generateWebPage(
  rnd: () => number,
  index: number,
  targetBytes = 100_000,
): { name: string; content: string } {
  const title = sentence(rnd, 'en').replace(/\.$/, '').slice(0, 90);
  const outlet = pick(rnd, OUTLETS.slice(0, 5));
  const author = pick(rnd, PEOPLE);
  const date = `20${10 + Math.floor(rnd() * 15)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
  const nav = `<header class="site-header"><nav class="main-nav"><ul>${Array.from({ length: 30 }, (_, i) => `<li class="nav-item"><a href="/section-${i}">Section ${i}</a></li>`).join('')}</ul></nav></header>`;
  const paragraphs = Array.from(
    { length: 8 + Math.floor(rnd() * 8) },
    () => `<p>${paragraph(rnd, 'en')}</p>`,
  );
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: outlet },
      {
        '@type': 'NewsArticle',
        headline: title,
        datePublished: `${date}T08:00:00+00:00`,
        author: { '@type': 'Person', name: author },
        publisher: { '@type': 'Organization', name: outlet },
      },
    ],
  });
  const script = `<script>(function(){var d=document,s=d.createElement('script');s.src='https://ads.example/tag.js?id=${index}';d.head.appendChild(s);window.dataLayer=window.dataLayer||[];function g(){dataLayer.push(arguments)}g('js',new Date());g('config','UA-${index}');})();</script>`;
  const comments = `<section id="comments" class="comments">${Array.from({ length: 15 }, (_, i) => `<div class="comment"><span class="comment-author">user${i}</span><p>${sentence(rnd, 'en')}</p></div>`).join('')}</section>`;
  const related = `<aside class="related-articles"><h2>Related stories</h2><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/story/${i}">${sentence(rnd, 'en').slice(0, 70)}</a></li>`).join('')}</ul></aside>`;
  const ad = () =>
    `<div class="ad-slot ad-banner" data-slot="${Math.floor(rnd() * 1e6)}"><span>Advertisement</span><iframe src="https://ads.example/frame"></iframe></div>`;
  const head = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${outlet}</title><meta property="og:title" content="${title}"><meta property="og:site_name" content="${outlet}"><meta property="og:url" content="https://news.example/${index}"><meta property="article:published_time" content="${date}T08:00:00+00:00"><meta name="author" content="${author}"><script type="application/ld+json">${ld}</script><style>body{font-family:serif}.nav-item{display:inline-block}</style>${script}</head>`;
  let bodyInner = `${nav}${ad()}<main><article class="article"><h1>${title}</h1><p class="byline">By ${author}</p><div class="article-body">${paragraphs.slice(0, 4).join('')}${ad()}${paragraphs.slice(4).join('')}</div></article>${related}</main>${comments}<footer class="site-footer"><p>© ${outlet}. All rights reserved.</p></footer>`;
  // Pad with the kind of bulk real pages carry: inline scripts, SVG icons, hidden menus.
  const filler: string[] = [];
  let size = head.length + bodyInner.length;
  while (size < targetBytes) {
    const chunk =
      rnd() < 0.5
        ? `<script>window.__cfg_${filler.length}=${JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: i, label: `item ${i}`, url: `/x/${i}` })) })};</script>`
        : `<div class="mega-menu" hidden><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/m/${i}"><svg viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>Menu ${i}</a></li>`).join('')}</ul></div>`;
    filler.push(chunk);
    size += chunk.length;
  }
  bodyInner += filler.join('');
  return { name: `page-${index}.html`, content: `${head}<body>${bodyInner}</body></html>` };
}

/** Writes `count` files produced by `make` into `dir`; returns the paths and total bytes. */
export async function writeArticles(
  dir: string,
  count: number,
  make: (rnd: () => number, index: number) => { name: string; content: string },
  seed = 1,
): Promise<{ paths: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const rnd = makeRandom(seed);
  const paths: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const { name, content } = make(rnd, i);
    const path = join(dir, name);
    const buf = Buffer.from(content, 'utf8');
    await writeFile(path, buf);
    paths.push(path);
    bytes += buf.length;
  }
  return { paths, bytes };
}

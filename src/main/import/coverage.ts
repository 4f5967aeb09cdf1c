/**
 * Coverage fields a web page states about itself: schema.org's print properties (`printPage`,
 * `printEdition`, `printColumn`) in JSON-LD or microdata/meta tags, and Highwire's
 * `citation_firstpage`. A page that names print placement is print coverage; a page that only
 * has its own web address is online coverage. Nothing is guessed beyond that.
 */
import type { Coverage } from '@shared/clipping';
import { cleanText } from './article';

export interface PageSignals {
  /** The first value of a meta tag (name, property or itemprop), lower-case key; '' when absent. */
  meta: (key: string) => string;
  /** A property of the page's schema.org article (JSON-LD), as text; '' when absent. */
  ld: (key: string) => string;
  /** The page's own web address ('' when it names none). */
  url: string;
}

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);

/** A page reference as printed: "A3", "12", "12-13"; anything longer or odder is not a page. */
function pageOf(raw: string): string {
  const page = cleanText(raw).replace(/^(?:p\.|page|pp\.)\s*/i, '');
  return /^[\p{L}\p{N}][\p{L}\p{N} ./–-]{0,19}$/u.test(page) ? page : '';
}

export function coverageFromPage(signals: PageSignals): Partial<Coverage> | undefined {
  const { meta, ld } = signals;
  const first = (...values: string[]): string => values.map(cleanText).find(Boolean) ?? '';
  const page = pageOf(
    first(
      ld('printPage'),
      meta('printpage'),
      meta('article:print_page'),
      meta('citation_firstpage'),
    ),
  );
  const edition = clip(
    first(ld('printEdition'), meta('printedition'), meta('article:print_edition')),
    200,
  );
  const column = first(ld('printColumn'), meta('printcolumn'));
  const out: Partial<Coverage> = {};
  if (page) out.page = page;
  if (edition) out.edition = edition;
  if (page || edition || column) out.mediaType = 'print';
  else if (signals.url) out.mediaType = 'online';
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Coverage fields from what a web page states: schema.org print properties and meta tags. */
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../../src/main/import/index';

const body =
  '<p>The harbour authority approved the new terminal on Monday, after a year of public hearings and objections.</p><p>Work starts in spring and should be finished within three years, the authority said.</p>';

async function coverageOf(html: string) {
  const result = await parseBytes(new TextEncoder().encode(html), 'page.html');
  if (!result.ok) throw new Error(result.error.message);
  return result.draft.coverage;
}

describe('coverage from the import', () => {
  it('schema.org printPage/printEdition in JSON-LD make print coverage with its page and edition', async () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Terminal approved',
      printPage: 'A3',
      printEdition: 'Late City Edition',
      printSection: 'Metro',
    });
    expect(
      await coverageOf(
        `<html><head><script type="application/ld+json">${ld}</script></head><body><article>${body}</article></body></html>`,
      ),
    ).toMatchObject({ mediaType: 'print', page: 'A3', edition: 'Late City Edition', tone: '' });
  });

  it('microdata meta tags (itemprop) count too, and "p. 12" is page 12', async () => {
    expect(
      await coverageOf(
        `<html><head><meta itemprop="printPage" content="p. 12"><meta itemprop="printEdition" content="National"></head><body><article>${body}</article></body></html>`,
      ),
    ).toMatchObject({ mediaType: 'print', page: '12', edition: 'National' });
  });

  it('a page with its own address and no print placement is online coverage', async () => {
    expect(
      await coverageOf(
        `<html><head><link rel="canonical" href="https://news.example.org/terminal"></head><body><article>${body}</article></body></html>`,
      ),
    ).toMatchObject({ mediaType: 'online', page: '', edition: '', reach: null });
  });

  it('says nothing when the file says nothing, and drops a "page" that is prose or markup', async () => {
    expect(await coverageOf(`<html><body><article>${body}</article></body></html>`)).toBe(
      undefined,
    );
    const c = await coverageOf(
      `<html><head><meta itemprop="printPage" content="<script>alert(1)</script> see the full story on page twelve"></head><body><article>${body}</article></body></html>`,
    );
    expect(c).toBe(undefined);
  });

  it('plain text has no coverage', async () => {
    const result = await parseBytes(
      new TextEncoder().encode(
        'Terminal approved\n\nThe harbour authority approved the new terminal on Monday.',
      ),
      'a.txt',
    );
    expect(result.ok && result.draft.coverage).toBe(undefined);
  });
});

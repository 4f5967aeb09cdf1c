/**
 * Database exports end to end: a Nexis Uni DOCX and a Factiva RTF dropped together become one
 * row per article with its outlet and date, the report says "file → N clippings" and lists
 * every article, and dropping them again adds nothing.
 */
import { join } from 'node:path';
import { expect, FIXTURES, libraryRows, openRow, test } from '../support/harness';
import { countRecords } from '../support/idb';

const EXPORTS = join(FIXTURES, 'database-exports');
const NEXIS = join(EXPORTS, 'nexis-uni-harbour-news.docx');
const FACTIVA = join(EXPORTS, 'factiva-indexed-business.rtf');

test('a Nexis DOCX and a Factiva RTF become one clipping per article', async ({ app }) => {
  const { page } = app;
  await app.open();
  await app.dropFiles([NEXIS, FACTIVA]);
  // 12 Nexis documents, one of them the same story twice; 9 Factiva articles.
  await expect(page.getByText('20 clippings', { exact: true })).toBeVisible();
  await app.settled();
  expect(await countRecords(page, 'clippings')).toBe(20);
  // The list is virtual: search brings each article's row into view.
  const search = page.getByRole('searchbox', { name: 'Search clippings' });
  for (const [title, outlet, date] of [
    ['Portwenna harbour board approves', 'Harborview Ledger', /2023/],
    ['Dredgers to deepen Carrick Down channel', 'The Kestrel Bay Chronicle', /2024/],
    ['El cine latinoamericano', 'El Heraldo del Cierzo', /2024/],
  ] as const) {
    await search.fill(`"${title}"`);
    const row = libraryRows(page).filter({ hasText: title });
    // One row each: the story Nexis holds twice was stored once.
    await expect(row).toHaveCount(1);
    await expect(row.locator('.outlet')).toHaveText(outlet);
    await expect(row.locator('.date')).toHaveText(date);
  }
  // The reader says where the article came from.
  await search.fill('"Portwenna harbour board approves"');
  // The row of this search, not the previous search's first row while the list catches up.
  await openRow(libraryRows(page).filter({ hasText: 'Portwenna harbour board approves' }));
  const reader = page.locator('article.reader');
  await expect(reader.locator('.provenance')).toContainText(
    'Nexis Uni: nexis-uni-harbour-news.docx, article 1 of 12',
  );
  await expect(reader.locator('.provenance')).toContainText(
    'document MVFG-MPDM-F3WV-1PH3-00000-00',
  );
  await expect(reader.locator('.copyright')).toHaveText(
    'Copyright 2023 Ledger Publishing Co. All Rights Reserved',
  );
  await search.fill('');

  await page.getByRole('button', { name: 'Import report' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('20 imported · 1 duplicate · 0 refused');
  await expect(report).toContainText('nexis-uni-harbour-news.docx → 11 clippings (1 duplicate)');
  await expect(report).toContainText('factiva-indexed-business.rtf → 9 clippings');
  await report.getByText('nexis-uni-harbour-news.docx → 11 clippings').click();
  const articles = report.getByRole('list', { name: 'Articles of nexis-uni-harbour-news.docx' });
  await expect(articles.getByRole('listitem')).toHaveCount(12);
  await expect(articles.getByRole('listitem').nth(10)).toContainText('repeats article 4');
  await report.getByRole('button', { name: 'Close' }).click();

  // The same exports again add nothing: every article is recognised.
  await app.dropFiles([NEXIS, FACTIVA]);
  await app.settled();
  await page.getByRole('button', { name: 'Import report' }).click();
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText(
    '0 imported · 21 duplicates · 0 refused',
  );
  expect(await countRecords(page, 'clippings')).toBe(20);
});

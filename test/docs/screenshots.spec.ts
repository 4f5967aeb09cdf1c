/** Not a test: renders the README's screenshots from the real UI (`npm run screenshots`). */
import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, test } from '../e2e/support/harness';
import { selectText } from '../e2e/support/reader';

const SHOTS = join(__dirname, '../../docs');

test('library and reader', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  await page.screenshot({ path: join(SHOTS, 'empty.png') });
  await app.dropFiles(
    [
      'alalam-putin-guterres.txt',
      'wire-tram-line.txt',
      'harbour-report.html',
      'energy-prices.md',
      'moscow-metro-cp1251.txt',
      'arabic-water-project.txt',
      'library-hours-utf16le.txt',
      'rail-order-newsletter.eml',
    ].map((name) => join(ARTICLES, name)),
  );
  await expect(libraryRows(page)).toHaveCount(8);
  for (const [title, tags] of [
    [/Tram Line/, ['transport', 'europe/sweden']],
    [/Rail operator/, ['transport']],
    [/Putin/, ['politics/russia', 'un']],
  ] as const) {
    await libraryRows(page).filter({ hasText: title }).click();
    for (const tag of tags) {
      await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill(tag);
      await page.keyboard.press('Enter');
    }
  }
  await selectText(page, 'has promised to have the same course of interaction');
  await page.getByRole('button', { name: /Highlight yellow/ }).click();
  await selectText(page, 'decisive role not only in the framework of the United Nations');
  await page.getByRole('button', { name: /Highlight green/ }).click();
  await page
    .getByRole('textbox', { name: 'Highlight note' })
    .last()
    .fill('Key quote for the briefing.');
  await page
    .getByRole('textbox', { name: 'Note', exact: true })
    .fill('Follow up: Guterres term starts 1 January.');
  await page.locator('#reader-title').click();
  await page.screenshot({ path: join(SHOTS, 'reader.png') });
  await libraryRows(page).filter({ hasText: /تحلية/ }).click();
  await page.screenshot({ path: join(SHOTS, 'reader-rtl.png') });
  await page.getByRole('searchbox', { name: 'Search clippings' }).fill('council OR trains');
  await expect(libraryRows(page)).toHaveCount(2);
  await libraryRows(page).first().click();
  await page.screenshot({ path: join(SHOTS, 'search.png') });
});

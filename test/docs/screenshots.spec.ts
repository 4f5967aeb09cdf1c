/** Not a test: renders the README's screenshots from the real UI (`npm run screenshots`). */
import { join } from 'node:path';
import { ARTICLES, expect, test } from '../e2e/support/harness';

const SHOTS = join(__dirname, '../../docs');

test('library and reader', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
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
  await expect(page.getByRole('option')).toHaveCount(8);
  await page.getByRole('option', { name: /Putin/ }).click();
  await page.screenshot({ path: join(SHOTS, 'reader.png') });
  await page.getByRole('option', { name: /تحلية/ }).click();
  await page.screenshot({ path: join(SHOTS, 'reader-rtl.png') });
});

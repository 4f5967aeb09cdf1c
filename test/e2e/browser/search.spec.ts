import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, openRow, test, type Harness } from '../support/harness';
import { clearStores } from '../support/idb';

const ALL = [
  'alalam-putin-guterres.txt',
  'wire-tram-line.txt',
  'harbour-report.html',
  'energy-prices.md',
  'moscow-metro-cp1251.txt',
  'arabic-water-project.txt',
  'rail-order-newsletter.eml',
];

async function importAll(app: Harness): Promise<void> {
  await app.open();
  await app.dropFiles(ALL.map((n) => join(ARTICLES, n)));
  await expect(libraryRows(app.page)).toHaveCount(ALL.length);
}

test('search by a word in the body: ranked hits with the word marked in a snippet; open a result', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('containers');
  await expect(libraryRows(page)).toHaveCount(1);
  const row = libraryRows(page).first();
  await expect(row).toContainText('Port authority reports record container traffic');
  await expect(row.locator('.snippet mark').first()).toHaveText(/containers?/i);
  await expect(page.getByText(/^1 match/)).toBeVisible();
  await row.click();
  await expect(page.locator('#reader-title')).toHaveText(
    'Port authority reports record container traffic',
  );
  // Clearing the box brings the whole library back.
  await box.fill('');
  await expect(libraryRows(page)).toHaveCount(ALL.length);
});

test('phrases, prefixes, folding, Cyrillic and exclusions', async ({ app }) => {
  const { page } = app;
  await importAll(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('"tram line"');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText('Tram Line');
  await box.fill('guter');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText('Guterres');
  await box.fill('MALMO');
  await expect(libraryRows(page)).toHaveCount(1);
  await box.fill('станции');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText('метро');
  await box.fill('trains -rail');
  await expect(page.getByText('No clippings match')).toBeVisible();
});

test('tag: search follows tagging, and combines with words', async ({ app }) => {
  const { page } = app;
  await importAll(app);
  for (const title of [/Tram Line/, /Rail operator/]) {
    await openRow(libraryRows(page).filter({ hasText: title }));
    await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill('transport/rail');
    await page.keyboard.press('Enter');
  }
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('tag:transport');
  await expect(libraryRows(page)).toHaveCount(2);
  await box.fill('tag:transport council');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText('Tram Line');
});

test('invalid syntax is explained next to the box, never an exception', async ({ app }) => {
  const { page } = app;
  await importAll(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('"unclosed phrase');
  await expect(page.locator('#search-error')).toContainText(/quote/i);
  await box.fill('before:yesterday');
  await expect(page.locator('#search-error')).toContainText(/date/i);
  await box.fill('colour:red');
  await expect(page.locator('#search-error')).toContainText(/colour/);
  await box.fill('port');
  await expect(page.locator('#search-error')).toHaveCount(0);
});

test('saved searches appear in the sidebar and run again', async ({ app }) => {
  const { page } = app;
  await importAll(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('container OR метро');
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Save search' }).click();
  await box.fill('');
  await expect(libraryRows(page)).toHaveCount(ALL.length);
  await app.reload();
  await page.getByRole('button', { name: 'Saved search: container OR метро' }).click();
  await expect(box).toHaveValue('container OR метро');
  await expect(libraryRows(page)).toHaveCount(2);
});

test('long result lists come a page at a time', async ({ app }) => {
  const { page } = app;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const dir = join(app.tempDir, 'many');
  mkdirSync(dir);
  for (let i = 1; i <= 60; i++) {
    writeFileSync(
      join(dir, `note-${i}.txt`),
      `Ferry timetable change number ${i}\n\nThe ferry company changes its timetable for route ${i} from next month, the operator said.\n`,
    );
  }
  await app.open();
  app.nextDialogPaths = [dir];
  await page.getByRole('button', { name: 'Import folder…' }).click();
  // The list is virtualised: aria-setsize says how many rows it holds.
  await expect(libraryRows(page).first()).toHaveAttribute('aria-setsize', '60');
  await page.getByRole('searchbox', { name: 'Search clippings' }).fill('timetable');
  await expect(page.getByText(/^60 matches/)).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Library' })).toHaveAttribute(
    'aria-label',
    'Library',
  );
  await expect(libraryRows(page).first()).toHaveAttribute('aria-setsize', '50');
  await page.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(libraryRows(page).first()).toHaveAttribute('aria-setsize', '60');
});

test('a library whose search index was lost is indexed again when the app opens', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('containers');
  await expect(libraryRows(page)).toHaveCount(1);
  // Wipe the stored index behind the app's back (as a damaged or reset index would be)...
  await clearStores(page, ['searchSegments', 'searchPositions', 'searchMeta']);
  await app.reload();
  await expect(libraryRows(page)).toHaveCount(ALL.length);
  // ...and the search worker finds every clipping missing from it and indexes them again.
  await box.fill('containers');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText('Port authority');
  await box.fill('станции');
  await expect(libraryRows(page)).toHaveCount(1);
});

import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, test } from '../support/harness';
import { countRecords } from '../support/idb';

const PUTIN_TITLE = 'Russian President Putin Meets Next UN Chief Antonio Guterres';

test('a dropped article is listed, opens in the reader and survives a reload', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Drop article files here' })).toBeVisible();

  await app.dropFiles([join(ARTICLES, 'alalam-putin-guterres.txt')]);
  const row = libraryRows(page).filter({ hasText: PUTIN_TITLE });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Alalam');

  await row.click();
  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(PUTIN_TITLE);
  await expect(reader).toContainText('Russian President Vladimir Putin has promised');
  await expect(reader).not.toContainText('string(1527)');

  await app.reload();
  await expect(libraryRows(page).filter({ hasText: PUTIN_TITLE })).toBeVisible();
  expect(await countRecords(page, 'clippings')).toBe(1);
  expect(await countRecords(page, 'originals')).toBe(1);
});

test('an empty file and a binary file each say why and store nothing', async ({ app }) => {
  const { page } = app;
  await app.open();

  await app.dropFiles([join(ARTICLES, 'empty.txt')]);
  await expect(page.getByRole('alert').filter({ hasText: 'empty.txt' })).toContainText(/empty/i);

  await app.dropFiles([join(ARTICLES, 'binary-disguised.txt')]);
  await expect(page.getByRole('alert').filter({ hasText: 'binary-disguised.txt' })).toContainText(
    /not a text|binary/i,
  );

  await app.settled();
  expect(await countRecords(page, 'clippings')).toBe(0);
  expect(await countRecords(page, 'originals')).toBe(0);
  await expect(page.getByText('Your library is empty.')).toBeVisible();
});

test('Import… opens the native dialog and imports the chosen files; the report lists them', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  app.nextDialogPaths = [
    join(ARTICLES, 'wire-tram-line.txt'),
    join(ARTICLES, 'harbour-report.html'),
    join(ARTICLES, 'empty.txt'),
  ];
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Import report' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('2 imported · 0 duplicates · 1 refused');
  await report.getByRole('button', { name: 'Close' }).click();

  // The same files again are recognised as duplicates and not stored twice.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('button', { name: 'Import report' }).click();
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText(
    '0 imported · 2 duplicates · 1 refused',
  );
  expect(await countRecords(page, 'clippings')).toBe(2);
});

test('the Content-Security-Policy stops an injected inline script', async ({ app }) => {
  const { page } = app;
  await app.open();
  const violation = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      ),
  );
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
  });
  expect(await violation).toMatch(/^script-src/);
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
});

test('the import report says when an encoding was guessed', async ({ app }) => {
  const { page } = app;
  await app.open();
  await app.dropFiles([join(ARTICLES, 'moscow-metro-cp1251.txt')]);
  await expect(libraryRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Import report' }).click();
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText(
    /Encoding guessed as windows-1251/,
  );
});

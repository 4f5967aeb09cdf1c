import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, test, type Harness } from '../support/harness';
import { selectText } from '../support/reader';

const PUTIN = /Putin Meets Next UN Chief/;

async function importAll(app: Harness, names: string[]): Promise<void> {
  await app.open();
  await app.dropFiles(names.map((name) => join(ARTICLES, name)));
  await expect(libraryRows(app.page)).toHaveCount(names.length);
}

test('a highlight survives a reload at the same words, with its note', async ({ app }) => {
  const { page } = app;
  await importAll(app, ['alalam-putin-guterres.txt']);
  await libraryRows(page).filter({ hasText: PUTIN }).click();
  await selectText(page, 'same constructive dialogue');
  await page.getByRole('button', { name: /Highlight blue/ }).click();
  const mark = page.locator('article mark');
  await expect(mark).toHaveText('same constructive dialogue');
  const note = page.getByRole('textbox', { name: 'Highlight note' });
  await note.fill('Echoes Ban-era language');
  await note.blur();
  await expect(page.getByRole('listbox', { name: 'Library' }).getByText('✎ 1')).toBeVisible();

  await app.reload();
  await libraryRows(page).filter({ hasText: PUTIN }).click();
  await expect(page.locator('article mark')).toHaveText('same constructive dialogue');
  await expect(page.locator('article mark')).toHaveClass(/hl-blue/);
  await expect(page.getByRole('textbox', { name: 'Highlight note' })).toHaveValue(
    'Echoes Ban-era language',
  );
});

test('highlights re-anchor when the text changes, and become orphans when their words are gone', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app, ['alalam-putin-guterres.txt']);
  await libraryRows(page).filter({ hasText: PUTIN }).click();
  await selectText(page, 'decisive role not only in the framework');
  await page.getByRole('button', { name: /Highlight yellow/ }).click();
  await selectText(page, 'vetoed a resolution drafted by France');
  await page.getByRole('button', { name: /Highlight pink/ }).click();
  await expect(page.locator('article mark')).toHaveCount(2);

  // The stored text changes (as after a re-parse): a paragraph is added before both
  // highlights, a word inside the first changes, and the second's words disappear.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onsuccess = () => {
          const tx = open.result.transaction('clippings', 'readwrite');
          const store = tx.objectStore('clippings');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const value = c.value as { paragraphs: string[] };
            value.paragraphs = [
              'An editor’s note was added at the top of this article.',
              ...value.paragraphs.map((p) =>
                p
                  .replace('decisive role not only in', 'decisive role, not only in')
                  .replace(/vetoed a resolution drafted by France/, 'blocked a French text'),
              ),
            ];
            c.update(value);
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await app.reload();
  await libraryRows(page).filter({ hasText: PUTIN }).click();
  await expect(page.locator('article mark')).toHaveCount(1);
  await expect(page.locator('article mark')).toHaveText(/decisive role, not only in the framework/);
  const orphans = page.getByRole('heading', { name: 'Could not be placed' });
  await expect(orphans).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Notes and highlights' })).toContainText(
    'vetoed a resolution drafted by France',
  );
});

test('the article note autosaves while typing and is there after a reload', async ({ app }) => {
  const { page } = app;
  await importAll(app, ['wire-tram-line.txt']);
  await libraryRows(page).first().click();
  await page
    .getByRole('textbox', { name: 'Note', exact: true })
    .pressSequentially('Ask the council for the cost study');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await app.reload();
  await libraryRows(page).first().click();
  await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue(
    'Ask the council for the cost study',
  );
});

test('Arabic articles are laid out right to left with their language set', async ({ app }) => {
  const { page } = app;
  await importAll(app, ['arabic-water-project.txt', 'wire-tram-line.txt']);
  await libraryRows(page).filter({ hasText: 'تحلية' }).click();
  const article = page.getByRole('article');
  await expect(article).toHaveAttribute('dir', 'rtl');
  await expect(article).toHaveAttribute('lang', 'ar');
  const direction = await article
    .locator('.body p')
    .first()
    .evaluate((p) => getComputedStyle(p).direction);
  expect(direction).toBe('rtl');
  await libraryRows(page).filter({ hasText: 'Tram' }).click();
  await expect(page.getByRole('article')).toHaveAttribute('dir', 'ltr');
});

test('the reader header shows the details and opens the original URL in the system browser', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app, ['harbour-report.html']);
  await libraryRows(page).first().click();
  const article = page.getByRole('article');
  await expect(article).toContainText('The Coastal Herald · Business');
  await expect(article).toContainText('By Amira Haddad');
  await article
    .getByRole('button', { name: 'https://coastal-herald.example/business/2024/07/port-record' })
    .click();
  await expect
    .poll(() => app.openedUrls)
    .toEqual(['https://coastal-herald.example/business/2024/07/port-record']);
});

test('next and previous article from the keyboard; shortcuts sheet', async ({ app }) => {
  const { page } = app;
  await importAll(app, ['wire-tram-line.txt', 'harbour-report.html', 'energy-prices.md']);
  await libraryRows(page).first().click();
  const title = page.locator('#reader-title');
  const first = await title.textContent();
  await page.keyboard.press('j');
  await expect(title).not.toHaveText(first ?? '');
  await page.keyboard.press('k');
  await expect(title).toHaveText(first ?? '');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'Next clipping',
  );
});

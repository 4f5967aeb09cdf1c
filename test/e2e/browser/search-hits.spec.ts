import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, openRow, test, type Harness } from '../support/harness';

const TRAM = 'City Council Approves Tram Line to the Western Harbour';

async function importSome(app: Harness): Promise<void> {
  await app.open();
  const names = ['wire-tram-line.txt', 'harbour-report.html', 'moscow-metro-cp1251.txt'];
  await app.dropFiles(names.map((n) => join(ARTICLES, n)));
  await expect(libraryRows(app.page)).toHaveCount(names.length);
}

test('a proximity query finds the article; the reader marks every hit and steps through them', async ({
  app,
}) => {
  const { page } = app;
  await importSome(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('(tram OR metro) w/3 line* -container*');
  await expect(libraryRows(page)).toHaveCount(1);
  await openRow(libraryRows(page).first());
  await expect(page.locator('#reader-title')).toHaveText(TRAM);

  const marks = page.locator('article mark.hit');
  const bar = page.getByRole('toolbar', { name: 'Matches in this article' });
  const count = await marks.count();
  expect(count).toBeGreaterThanOrEqual(4);
  // The title's words are hits too, and come first.
  await expect(page.locator('#reader-title mark.hit')).toHaveText(['Tram', 'Line']);
  await expect(bar).toContainText(`1 of ${count}`);
  await expect(marks.nth(0)).toHaveClass(/current/);
  for (const text of await marks.allTextContents()) expect(text).toMatch(/^(tram|line|lines)$/i);

  // Enter and Shift+Enter in the search box, F3 and Shift+F3 anywhere, the buttons.
  await box.focus();
  await page.keyboard.press('Enter');
  await expect(bar).toContainText(`2 of ${count}`);
  await expect(marks.nth(1)).toHaveClass(/current/);
  await page.keyboard.press('F3');
  await expect(bar).toContainText(`3 of ${count}`);
  await page.keyboard.press('Shift+F3');
  await page.keyboard.press('Shift+Enter');
  await expect(bar).toContainText(`1 of ${count}`);
  await page.keyboard.press('Shift+Enter');
  await expect(bar).toContainText(`${count} of ${count}`);
  await expect(marks.nth(count - 1)).toBeInViewport();
  await bar.getByRole('button', { name: /Next match/ }).click();
  await expect(bar).toContainText(`1 of ${count}`);
  // Screen readers hear the position.
  await expect(bar.locator('[aria-live="polite"]')).toHaveText(`Match 1 of ${count}`);

  // A highlight made across a hit stores the text, not the mark.
  const selected = await page.evaluate(() => {
    const mark = document.querySelector('article .body mark.hit')!;
    mark.scrollIntoView({ block: 'center' });
    // The text nodes just before and after the hit, as a drag across it would take.
    const p = mark.closest('p')!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    const inside = texts.findIndex((t) => mark.contains(t));
    const before = texts[inside - 1]!;
    const after = texts[inside + 1]!;
    const range = document.createRange();
    range.setStart(before, Math.max(0, before.length - 6));
    range.setEnd(after, Math.min(5, after.length));
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    return range.toString();
  });
  await page.getByRole('button', { name: /Highlight green/ }).click();
  const highlight = page.locator('article .body mark.hl-green');
  await expect(highlight).toHaveText(selected);
  await expect(highlight.locator('mark.hit')).toHaveCount(1);
  // Without the search, the marks go and the highlight is exactly the words chosen.
  await box.fill('');
  await expect(marks).toHaveCount(0);
  await expect(bar).toHaveCount(0);
  await expect(page.locator('article .body mark')).toHaveText([selected]);
  await expect(page.getByRole('complementary', { name: 'Notes and highlights' })).toContainText(
    selected,
  );
});

test('Ctrl+F searches inside the open article with the same operators', async ({ app }) => {
  const { page } = app;
  await importSome(app);
  await openRow(libraryRows(page).filter({ hasText: TRAM }));
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find in this article' });
  await expect(find).toBeFocused();
  const bar = page.getByRole('toolbar', { name: 'Matches in this article' });
  await find.fill('council*');
  await expect(bar).toContainText(/1 of \d+/);
  const marks = page.locator('article mark.hit');
  const count = await marks.count();
  expect(count).toBeGreaterThanOrEqual(2);
  await expect(bar).toContainText(`1 of ${count}`);
  await find.press('Enter');
  await expect(bar).toContainText(`2 of ${count}`);
  // Proximity too; a query the article does not satisfy marks nothing.
  await find.fill('tram w/2 line');
  await expect(bar).toContainText(/1 of \d+/);
  await find.fill('tram w/1 harbour');
  await expect(bar).toContainText('No matches here');
  await expect(marks).toHaveCount(0);
  // An invalid query is explained at its position.
  await find.fill('tram (line');
  await expect(bar.getByRole('alert')).toContainText('Unclosed parenthesis');
  await expect(find).toHaveAttribute('aria-invalid', 'true');
  await find.press('Escape');
  await expect(find).toHaveCount(0);
  await expect(bar).toHaveCount(0);
});

test('the hits in light and dark', async ({ app }, testInfo) => {
  const { page } = app;
  await importSome(app);
  await page.getByRole('searchbox', { name: 'Search clippings' }).fill('tram OR line* ');
  await openRow(libraryRows(page).filter({ hasText: TRAM }));
  await expect(page.locator('article mark.hit').first()).toBeVisible();
  await page.keyboard.press('F3');
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
    await page.screenshot({ path: testInfo.outputPath(`hits-${theme}.png`) });
  }
});

/**
 * Stories: a folder with syndicated copies becomes one story ("+N copies"), its copies are
 * listed in the reader, a copy split out stays out after a reload, and undo brings it back.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect, FIXTURES, libraryRows, openRow, test, type Harness } from '../support/harness';

/** Drops a folder of one wire story, its copies and its hard negatives (11 files). */
async function importCoverage(app: Harness): Promise<void> {
  const folder = join(app.tempDir, 'coverage');
  cpSync(join(FIXTURES, 'stories'), folder, { recursive: true });
  await app.open();
  await app.dropFiles([folder]);
  await expect(libraryRows(app.page)).toHaveCount(11);
}

test('import a folder with copies, open the story, split one copy out; it stays split after a reload', async ({
  app,
}) => {
  const { page } = app;
  await importCoverage(app);
  // The four copies and the agency's own story group once the worker has seen them.
  const wire = libraryRows(page)
    .filter({ hasText: 'UK water firms ordered to cut leaks' })
    .filter({ hasText: 'Reuters' });
  await expect(wire.getByText('+4 copies')).toBeVisible();
  await expect(wire.getByText('Original')).toBeVisible();

  await page.getByRole('checkbox', { name: 'One row per story' }).check();
  await expect(libraryRows(page)).toHaveCount(7);
  await expect(page.getByText('7 clippings', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stories-list-light.png') });

  await openRow(wire);
  const story = page.getByRole('region', { name: 'Story' });
  await expect(story.getByRole('listitem')).toHaveCount(4);
  await expect(story.getByRole('button', { name: 'Valley Gazette' })).toBeVisible();
  await story.getByRole('button', { name: 'Valley Gazette' }).click();
  await expect(page.locator('#reader-title')).toHaveText(
    'Regulator orders water companies to cut leaks',
  );
  await expect(story.getByText('Copy', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stories-reader-light.png') });
  await story.getByRole('button', { name: 'Split out of this story' }).click();
  await expect(story).toHaveCount(0);
  await expect(libraryRows(page)).toHaveCount(8);

  await app.reload();
  // The toggle is remembered, and the split holds.
  await expect(page.getByRole('checkbox', { name: 'One row per story' })).toBeChecked();
  await expect(libraryRows(page)).toHaveCount(8);
  const again = libraryRows(page)
    .filter({ hasText: 'UK water firms ordered to cut leaks' })
    .filter({ hasText: 'Reuters' });
  await expect(again.getByText('+3 copies')).toBeVisible();
  await expect(
    libraryRows(page)
      .filter({ hasText: 'Regulator orders water companies' })
      .getByText(/copies|copy/),
  ).toHaveCount(0);

  await page.emulateMedia({ colorScheme: 'dark' });
  await openRow(again);
  await page.screenshot({ path: test.info().outputPath('stories-reader-dark.png') });
});

test('tag a whole story at once; merge two stories by hand, with undo', async ({ app }) => {
  const { page } = app;
  await importCoverage(app);
  const wire = libraryRows(page)
    .filter({ hasText: 'UK water firms ordered to cut leaks' })
    .filter({ hasText: 'Reuters' });
  await expect(wire.getByText('+4 copies')).toBeVisible();

  await openRow(wire);
  await page.getByRole('button', { name: 'Tag all 5 copies…' }).click();
  await page.getByRole('textbox', { name: 'Tag' }).fill('water/leaks');
  await page.keyboard.press('Enter');
  await expect(libraryRows(page).filter({ hasText: 'water/leaks' })).toHaveCount(5);

  // The rival's own report is another story; the user decides it belongs with the wire's.
  const rival = libraryRows(page).filter({ hasText: 'Ofwat takes aim at leaking pipes' });
  await wire.click();
  await rival.click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Merge 2 into one story' }).click();
  await expect(wire.getByText('+5 copies')).toBeVisible();
  await expect(rival.getByText('+5 copies')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(wire.getByText('+4 copies')).toBeVisible();
  await expect(rival.getByText(/copies/)).toHaveCount(0);
});

import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  ARTICLES,
  expect,
  libraryRows,
  openRow,
  tagSelection,
  test,
  type Harness,
} from '../support/harness';

const THREE = ['wire-tram-line.txt', 'harbour-report.html', 'rail-order-newsletter.eml'];

async function importAll(app: Harness, names: string[]): Promise<void> {
  await app.open();
  await app.dropFiles(names.map((name) => join(ARTICLES, name)));
  await expect(libraryRows(app.page)).toHaveCount(names.length);
}

async function tagOpenClipping(page: Page, tag: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill(tag);
  await page.keyboard.press('Enter');
}

function tagButton(page: Page, name: string) {
  return page.getByRole('button', { name: new RegExp(`^Tag ${name}, \\d+ clippings$`) });
}

test('tags: add with the keyboard only, autocomplete, chips, counts and hierarchy filter', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app, THREE);
  // Keyboard only: focus the list, open the first clipping, press t, type, Enter.
  await page.getByRole('listbox', { name: 'Library' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('t');
  await expect(page.getByRole('combobox', { name: 'Tags of this clipping' })).toBeFocused();
  await page.keyboard.type('transport/rail');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const firstTitle = await page.locator('#reader-title').textContent();
  await page.getByRole('listbox', { name: 'Library' }).focus();
  await page.keyboard.press('ArrowDown');
  // The next clipping is open (its reader has loaded) before tagging it.
  await expect(page.locator('#reader-title')).not.toHaveText(firstTitle ?? '');
  await page.keyboard.press('t');
  await expect(page.getByRole('combobox', { name: 'Tags of this clipping' })).toBeFocused();
  await page.keyboard.type('trans');
  // Autocomplete offers the existing tag; arrow down + Enter picks it.
  await expect(
    page
      .getByRole('listbox', { name: 'Tag suggestions' })
      .getByRole('option', { name: /transport\/rail/ }),
  ).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.type('transport');
  await page.keyboard.press('Enter');

  await expect(tagButton(page, 'transport/rail')).toHaveAccessibleName(
    'Tag transport/rail, 2 clippings',
  );
  await expect(libraryRows(page).filter({ hasText: 'transport/rail' })).toHaveCount(2);
  // Filtering by the parent includes its children.
  await tagButton(page, 'transport').click();
  await expect(libraryRows(page)).toHaveCount(2);
  await tagButton(page, 'transport').click();
  await expect(libraryRows(page)).toHaveCount(3);
});

test('tags: rename and merge across three clippings, each undoable', async ({ app }) => {
  const { page } = app;
  await importAll(app, THREE);
  for (const [index, tag] of [
    [0, 'trains'],
    [1, 'trains'],
    [2, 'railways'],
  ] as const) {
    await openRow(libraryRows(page).nth(index));
    await tagOpenClipping(page, tag);
    await expect(
      page.getByRole('list', { name: 'Tags of this clipping: current tags' }),
    ).toContainText(tag);
  }
  await expect(tagButton(page, 'trains')).toHaveAccessibleName('Tag trains, 2 clippings');

  // Rename trains → rail.
  await page.getByLabel('Actions for tag trains', { exact: true }).click();
  await page.getByRole('button', { name: 'Rename or merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename tag “trains”' });
  await dialog.getByRole('textbox').fill('rail');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(tagButton(page, 'rail')).toHaveAccessibleName('Tag rail, 2 clippings');
  await expect(tagButton(page, 'trains')).toHaveCount(0);

  // Merge railways into rail: all three carry rail.
  await page.getByLabel('Actions for tag railways', { exact: true }).click();
  await page.getByRole('button', { name: 'Rename or merge…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('rail');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(tagButton(page, 'rail')).toHaveAccessibleName('Tag rail, 3 clippings');
  await expect(libraryRows(page).filter({ hasText: 'rail' })).toHaveCount(3);

  // Undo the merge: railways is back on its clipping.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tagButton(page, 'railways')).toHaveAccessibleName('Tag railways, 1 clippings');
  await expect(tagButton(page, 'rail')).toHaveAccessibleName('Tag rail, 2 clippings');

  // Delete a tag (confirmed), then undo with the keyboard.
  await page.getByLabel('Actions for tag rail', { exact: true }).click();
  await page.getByRole('button', { name: 'Delete tag' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete tag' }).click();
  await expect(tagButton(page, 'rail')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 500 } });
  await page.keyboard.press('Control+z');
  await expect(tagButton(page, 'rail')).toHaveAccessibleName('Tag rail, 2 clippings');
});

test('trash: delete goes to the Trash with undo; restore; empty asks first', async ({ app }) => {
  const { page } = app;
  await importAll(app, THREE);
  await libraryRows(page).filter({ hasText: 'Tram' }).click();
  await page.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(libraryRows(page)).toHaveCount(3);

  // Multi-select two with Ctrl+click and delete them with the keyboard.
  await libraryRows(page).nth(0).click();
  await libraryRows(page)
    .nth(1)
    .click({ modifiers: ['Control'] });
  await expect(page.getByRole('toolbar', { name: 'Selected clippings' })).toContainText(
    '2 selected',
  );
  await page.getByRole('listbox', { name: 'Library' }).focus();
  await page.keyboard.press('Delete');
  await expect(libraryRows(page)).toHaveCount(1);

  await page.getByRole('button', { name: /^Trash/ }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  await libraryRows(page).first().click();
  await page
    .getByRole('toolbar', { name: 'Clipping' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(libraryRows(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Empty the Trash?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(libraryRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: /^All clippings/ }).click();
  await expect(libraryRows(page)).toHaveCount(2);
});

test('bulk tagging, filters and sorting', async ({ app }) => {
  const { page } = app;
  await importAll(app, [...THREE, 'moscow-metro-cp1251.txt']);
  await libraryRows(page).nth(0).click();
  await libraryRows(page)
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await tagSelection(page, 'briefing');
  await expect(tagButton(page, 'briefing')).toHaveAccessibleName('Tag briefing, 3 clippings');

  await page.getByText('Filters', { exact: true }).click();
  await page.getByLabel('Language').selectOption('ru');
  await expect(libraryRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByLabel('Outlet').selectOption('Nordic Wire');
  await expect(libraryRows(page)).toHaveCount(1);
  await page.getByLabel('Outlet').selectOption('');
  await page.getByLabel('From').fill('2025-01-01');
  await expect(libraryRows(page)).toHaveCount(3);

  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  await page.getByLabel('From').fill('');
  const titles = await libraryRows(page).locator('.title').allTextContents();
  expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
});

test('edit a clipping’s details, with validation and undo', async ({ app }) => {
  const { page } = app;
  await importAll(app, ['wire-tram-line.txt']);
  await libraryRows(page).first().click();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Edit details' });
  await dialog.getByLabel('Title').fill('Tram line approved');
  await dialog.getByLabel('URL').fill('ftp://example.org');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('http');
  await dialog.getByLabel('URL').fill('https://wire.example/tram');
  await dialog.getByLabel(/Authors/).fill('Maria Lund; Peter Holm');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#reader-title')).toHaveText('Tram line approved');
  await expect(page.getByRole('article')).toContainText('By Maria Lund, Peter Holm');
  await expect(libraryRows(page).first()).toContainText('Tram line approved');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#reader-title')).toHaveText(
    'City Council Approves Tram Line to the Western Harbour',
  );
});

import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, tagSelection, type Harness } from './harness';

/** A tag given to the list's rows `from` to `to` (by position, inclusive). */
export interface RowsTag {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Imports sample articles, tags ranges of the list's rows (click, then Shift+click), and
 * leaves the first row alone selected, so views follow the list rather than a selection.
 */
export async function importAndTag(
  app: Harness,
  files: readonly string[],
  tags: readonly RowsTag[],
): Promise<void> {
  const { page } = app;
  await app.open();
  await app.dropFiles(files.map((name) => join(ARTICLES, name)));
  await expect(libraryRows(page)).toHaveCount(files.length);
  for (const tag of tags) {
    await libraryRows(page).nth(tag.from).click();
    await libraryRows(page)
      .nth(tag.to)
      .click({ modifiers: ['Shift'] });
    await tagSelection(page, tag.name);
    const count = tag.to - tag.from + 1;
    await expect(
      page.getByRole('button', { name: `Tag ${tag.name}, ${count} clippings` }),
    ).toBeVisible();
  }
  await libraryRows(page).nth(0).click();
}

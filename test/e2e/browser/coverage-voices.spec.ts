import type { Locator, Page } from '@playwright/test';
import { expect, libraryRows, test } from '../support/harness';
import { importAndTag } from '../support/tagged-library';

const FILES = [
  'wire-tram-line.txt',
  'harbour-report.html',
  'rail-order-newsletter.eml',
  'moscow-metro-cp1251.txt',
];
/** What `tram OR rail` finds among them. */
const HITS = ['City Council Approves Tram Line', 'Rail operator orders 40 new trains'];
const QUERY = 'tram OR rail';

/** The Share of voice block of the Coverage view. */
function voiceBlock(page: Page): Locator {
  return page
    .getByRole('region', { name: 'Coverage' })
    .locator('.block')
    .filter({ has: page.getByRole('heading', { name: 'Share of voice' }) });
}

test('share of voice with a search: its count, its clippings, and remembered options', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importAndTag(app, FILES, [
    { name: 'transport', from: 0, to: 1 },
    { name: 'ports', from: 2, to: 3 },
  ]);

  // The search box's message for a bad query, to compare with the voice field's.
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('tram AND (rail');
  const boxError = page.locator('#search-error');
  await expect(boxError).toBeVisible();
  const message = (await boxError.textContent())?.trim() ?? '';
  expect(message).not.toBe('');
  await box.fill('');
  await expect(libraryRows(page)).toHaveCount(FILES.length);

  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  const view = page.getByRole('region', { name: 'Coverage' });
  await expect(view).toContainText('Whole library');
  const voices = voiceBlock(page);
  const chips = voices.getByRole('list', { name: 'Voices compared' });
  // The most used tags to begin with; a tag taken out can be put back from the picker.
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await voices.getByRole('button', { name: 'Stop comparing Tag: ports' }).click();
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await expect(chips).toContainText('transport');
  // The keyboard stays among the voices.
  await expect(voices.getByRole('button', { name: 'Stop comparing Tag: transport' })).toBeFocused();
  const picker = voices.getByLabel('Compare a tag');
  await expect(picker.getByRole('option')).toHaveText(['Choose…', 'ports']);
  await picker.selectOption('ports');
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(picker).toBeHidden();
  await voices.getByRole('button', { name: 'Stop comparing Tag: ports' }).click();
  await expect(chips.getByRole('listitem')).toHaveCount(1);

  const field = voices.getByLabel('Compare a search');
  await field.fill('tram AND (rail');
  await field.press('Enter');
  const error = voices.getByRole('alert');
  await expect(error).toHaveText(message);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await voices.screenshot({ path: testInfo.outputPath('voices-error.png') });

  // Enter adds the search; its share is announced when counted.
  await field.fill(QUERY);
  await field.press('Enter');
  await expect(error).toBeHidden();
  await expect(field).toHaveValue('');
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(chips.getByRole('listitem').nth(1)).toContainText(`Search ${QUERY}`);
  await expect(voices.locator('[aria-live="polite"]')).toHaveText(
    `${QUERY}: 2 clippings, 50% of the voices.`,
  );
  const chart = voices.locator('svg[aria-label="Share of voice"]');
  await expect(chart).toBeVisible();
  const bar = chart.locator('a').filter({ has: page.locator(`[aria-label^="${QUERY}:"]`) });
  await expect(bar.locator('[aria-label]').first()).toHaveAttribute(
    'aria-label',
    `${QUERY}: 50% (2 clippings)`,
  );

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await voices.scrollIntoViewIfNeeded();
    await voices.screenshot({ path: testInfo.outputPath(`voices-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The bar narrows the list to exactly the search's clippings, and back.
  await bar.click();
  await expect(view).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: `Coverage: Search: ${QUERY}` }),
  ).toContainText('2 clippings');
  await expect(libraryRows(page)).toHaveCount(2);
  for (const title of HITS)
    await expect(libraryRows(page).filter({ hasText: title })).toHaveCount(1);
  await page.getByRole('button', { name: 'Back to Coverage' }).click();
  await expect(view).toBeVisible();

  // Options chosen here are there after a restart, with the voices.
  await view.getByLabel('Bins').selectOption('month');
  await view.getByLabel('Split by').selectOption('tone');
  await view.getByLabel('Count each story once').check();
  await view.getByRole('radio', { name: 'Table' }).check();
  const table = voices.getByRole('table');
  await expect(table.getByRole('row', { name: new RegExp(QUERY) })).toContainText('2');
  await app.reload();
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await expect(view.getByLabel('Bins')).toHaveValue('month');
  await expect(view.getByLabel('Split by')).toHaveValue('tone');
  await expect(view.getByLabel('Count each story once')).toBeChecked();
  await expect(view.getByRole('radio', { name: 'Table' })).toBeChecked();
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  const row = table.getByRole('row', { name: new RegExp(QUERY) });
  await expect(row).toContainText('2');
  await expect(row.getByRole('cell').nth(1)).toHaveText('50%');
  await voices.screenshot({ path: testInfo.outputPath('voices-table.png') });

  // The table's row is a way in too; removing the voice is remembered as well.
  await row.getByRole('button', { name: QUERY }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Back to Coverage' }).click();

  // For a tag, the search counts only its hits among the tag's clippings.
  await view.getByRole('button', { name: 'Back to clippings' }).click();
  await page.getByRole('button', { name: 'Tag ports, 2 clippings' }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  let inPorts = 0;
  for (const title of HITS) inPorts += await libraryRows(page).filter({ hasText: title }).count();
  // Fewer than in the whole library, or the count below would not show the scope at work.
  expect(inPorts).toBeLessThan(HITS.length);
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await expect(view).toContainText('Tag: ports');
  await expect(row.getByRole('cell').first()).toHaveText(String(inPorts));

  await voices.getByRole('button', { name: `Stop comparing Search: ${QUERY}` }).focus();
  await page.keyboard.press('Enter');
  await expect(voices.getByRole('button', { name: 'Stop comparing Tag: transport' })).toBeFocused();
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await expect(table.getByRole('row', { name: new RegExp(QUERY) })).toHaveCount(0);
  await app.reload();
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await expect(chips).toContainText('transport');
});

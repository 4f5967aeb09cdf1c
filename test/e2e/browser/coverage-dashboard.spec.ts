import { expect, libraryRows, test, type Harness } from '../support/harness';
import { importAndTag } from '../support/tagged-library';

const FILES = [
  'wire-tram-line.txt',
  'harbour-report.html',
  'rail-order-newsletter.eml',
  'moscow-metro-cp1251.txt',
];

/** Imports four articles and tags three of them `transport`. */
function tagThree(app: Harness): Promise<void> {
  return importAndTag(app, FILES, [{ name: 'transport', from: 0, to: 2 }]);
}

test('Coverage for a tag: a bar filters the list to its clippings, and back', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await tagThree(app);
  await page.getByRole('button', { name: 'Tag transport, 3 clippings' }).click();
  await expect(libraryRows(page)).toHaveCount(3);

  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  const view = page.getByRole('region', { name: 'Coverage' });
  await expect(view).toContainText('Tag: transport');
  const totals = view.getByLabel('Totals');
  await expect(totals).toContainText(/Clippings\s*3/);
  // Each chart is an SVG with a name; each bar a link with its figure as its name.
  const outlets = view.locator('svg[aria-label="Top outlets"]');
  await expect(outlets).toBeVisible();
  const bars = outlets.locator('a');
  await expect(bars).toHaveCount(3);
  const first = bars.first();
  const name = (await first.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
  expect(name).toMatch(/: 1 clipping$/);
  const outlet = name.replace(/: 1 clipping$/, '');

  // Tall enough to show the whole dashboard (it scrolls inside the window).
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: testInfo.outputPath('coverage-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('coverage-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  if (size) await page.setViewportSize(size);

  await first.click();
  await expect(view).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: `Coverage: Outlet: ${outlet}` }),
  ).toContainText('1 clipping');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText(outlet);
  await page.screenshot({ path: testInfo.outputPath('coverage-focused.png') });

  // Back to the dashboard, then back to the whole tag.
  await page.getByRole('button', { name: 'Back to Coverage' }).click();
  await expect(view).toBeVisible();
  await view.getByRole('button', { name: 'Back to clippings' }).click();
  await expect(libraryRows(page)).toHaveCount(3);
});

test('Coverage by keyboard: Tab to a bar, Enter filters; the table has the same numbers', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await tagThree(app);
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  const view = page.getByRole('region', { name: 'Coverage' });
  await expect(view).toContainText('Whole library');
  await expect(view.getByLabel('Totals')).toContainText(/Clippings\s*4/);

  // The volume chart's bars are links: Tab reaches them in order, Enter follows.
  const volume = view.locator('svg[aria-label^="Volume by"]');
  await expect(volume).toBeVisible();
  const firstBar = volume.locator('a').first();
  await firstBar.focus();
  await expect(firstBar).toBeFocused();
  const label = (await firstBar.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
  const count = Number(/: (\d+) clippings?$/.exec(label)?.[1] ?? NaN);
  expect(count).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await expect(libraryRows(page)).toHaveCount(count);
  await page.getByRole('button', { name: 'Show all clippings again' }).press('Enter');
  await expect(libraryRows(page)).toHaveCount(4);

  // Table view: the same figures as rows, each name a button.
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await view.getByRole('radio', { name: 'Table' }).check();
  const tone = view
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Tone' }) });
  await expect(tone).toBeVisible();
  const tags = view
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Tag' }) })
    .first();
  await expect(tags.getByRole('row', { name: /transport/ })).toContainText('3');
  await page.screenshot({ path: testInfo.outputPath('coverage-table.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('coverage-table-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  const button = tags.getByRole('button', { name: 'transport' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(libraryRows(page)).toHaveCount(3);
  await expect(
    page.getByRole('status').filter({ hasText: 'Coverage: Tag: transport' }),
  ).toBeVisible();
});

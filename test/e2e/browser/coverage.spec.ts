import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { join } from 'node:path';
import {
  ARTICLES,
  expect,
  libraryRows,
  openRow,
  tagSelection,
  test,
  type Harness,
} from '../support/harness';
import { selectText } from '../support/reader';

const FOUR = [
  'wire-tram-line.txt',
  'harbour-report.html',
  'rail-order-newsletter.eml',
  'moscow-metro-cp1251.txt',
];

async function importAll(app: Harness): Promise<void> {
  await app.open();
  await app.dropFiles(FOUR.map((name) => join(ARTICLES, name)));
  await expect(libraryRows(app.page)).toHaveCount(FOUR.length);
}

test('bulk edit: tone and reach on three clippings, a tag removed, undo; then tone:negative reach>1000', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importAll(app);
  // Tag everything first, so the bulk edit has a tag to remove.
  await libraryRows(page).nth(0).click();
  await page.keyboard.press('Control+a');
  await tagSelection(page, 'review');
  await expect(page.getByRole('button', { name: 'Tag review, 4 clippings' })).toBeVisible();

  const titles = await libraryRows(page).locator('.title').allTextContents();
  await libraryRows(page).nth(0).click();
  await libraryRows(page)
    .nth(2)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Selected clippings' })).toContainText(
    '3 selected',
  );
  // The keyboard opens it too: e with several selected.
  await page.getByRole('listbox', { name: 'Library' }).focus();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Edit 3 clippings' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Tone').selectOption('negative');
  await dialog.getByLabel('Reach audience or circulation').fill('25,000');
  await dialog.getByLabel('Source of the reach figure').fill('Publisher figures');
  await dialog.getByRole('checkbox', { name: /review/ }).check();
  await page.screenshot({ path: testInfo.outputPath('bulk-edit.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('bulk-edit-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Apply to 3 clippings' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Tag review, 1 clippings' })).toBeVisible();

  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('tone:negative reach>1000 ');
  await expect(libraryRows(page)).toHaveCount(3);
  await expect(page.getByText(/^3 matches/)).toBeVisible();
  await box.fill('tone:negative reach>100000 ');
  await expect(page.getByText('No clippings match these filters.')).toBeVisible();
  await box.fill('-tone:negative ');
  await expect(libraryRows(page)).toHaveCount(1);
  await expect(libraryRows(page).first()).toContainText(titles[3] ?? '');
  await box.fill('has:tone reach>lots');
  await expect(page.getByRole('alert').filter({ hasText: 'reach takes a number' })).toBeVisible();

  // The filter panel has the tone too.
  await box.fill('');
  await page.getByText('Filters', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Tone', exact: true }).selectOption('negative');
  await expect(libraryRows(page)).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Media type', exact: true }).selectOption('print');
  await expect(page.getByText('No clippings match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(libraryRows(page)).toHaveCount(4);

  // Undo puts every clipping back: no tone, the tag on all four again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Tag review, 4 clippings' })).toBeVisible();
  await box.fill('has:tone ');
  await expect(page.getByText('No clippings match these filters.')).toBeVisible();
});

test('Edit details: coverage fields of one clipping, kept and shown again', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importAll(app);
  await openRow(libraryRows(page).filter({ hasText: 'container traffic' }));
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit details' });
  // The saved web page names its own address: online coverage from the import.
  await expect(dialog.getByLabel('Media type')).toHaveValue('online');
  await dialog.getByLabel('Media type').selectOption('print');
  await dialog.getByLabel('Page print').fill('A3');
  await dialog.getByLabel('Edition print').fill('Late city');
  await dialog.getByLabel('Prominence').selectOption('lead');
  await dialog.getByLabel('Tone').selectOption('mixed');
  await dialog.getByLabel('Spokespeople and entities').fill('Port Authority; Ann Berg');
  await page.screenshot({ path: testInfo.outputPath('edit-details.png') });
  await dialog.getByLabel('Reach audience or circulation').fill('a lot');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/Reach must be a number/);
  await dialog.getByLabel('Reach audience or circulation').fill('1.2m');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('e');
  const again = page.getByRole('dialog', { name: 'Edit details' });
  await expect(again.getByLabel('Reach audience or circulation')).toHaveValue('1200000');
  await expect(again.getByLabel('Page print')).toHaveValue('A3');
  await expect(again.getByLabel('Spokespeople and entities')).toHaveValue(
    'Port Authority; Ann Berg',
  );
  await again.getByRole('button', { name: 'Cancel' }).click();
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('type:print page:A3 tone:mixed ');
  await expect(libraryRows(page)).toHaveCount(1);
});

test('Highlights view: every highlight, a colour named and filtered by, passages to CSV, open at the passage', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await importAll(app);
  const highlight = async (row: string, text: string, color: string, tag = '') => {
    await openRow(libraryRows(page).filter({ hasText: row }));
    await selectText(page, text);
    await page.getByRole('button', { name: new RegExp(`Highlight ${color}`) }).click();
    await expect(page.locator('article mark').filter({ hasText: text })).toBeVisible();
    if (tag) {
      await page.getByRole('combobox', { name: 'Highlight tags' }).last().fill(tag);
      await page.keyboard.press('Enter');
    }
  };
  await highlight('Tram Line', 'voted 38 to 23', 'green', 'vote');
  await highlight('Tram Line', '2.4 billion crowns', 'yellow');
  await highlight('container traffic', '1.9 million containers', 'green');

  await page.getByRole('button', { name: /^Highlights\s*3$/ }).click();
  const list = page.getByRole('listbox', { name: 'Highlights' });
  await expect(list.getByRole('option')).toHaveCount(3);

  // Name the colours, then filter by a colour's name.
  await page.getByRole('button', { name: 'Name colours…' }).click();
  const names = page.getByRole('dialog', { name: 'Name the highlight colours' });
  await names.getByLabel('Name for green').fill('claim');
  await names.getByLabel('Name for yellow').fill('quote');
  await names.getByRole('button', { name: 'Save' }).click();
  await expect(names).toBeHidden();
  const colours = page.getByRole('group', { name: 'Filter by colour' });
  await colours.getByRole('button', { name: 'claim' }).click();
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'highlights' })).toHaveText(
    '2 of 3 highlights',
  );
  await expect(list.getByRole('option').first()).toContainText('claim');
  await page.getByRole('searchbox', { name: 'Search highlights' }).fill('containers');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search highlights' }).fill('');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('highlights-view.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('highlights-view-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // The filtered passages on their own, as CSV: codes as columns, the colour's name.
  const target = join(app.tempDir, 'passages.csv');
  app.nextSavePath = target;
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByText(/Exported 2 passages/)).toBeVisible();
  const csv = readFileSync(target, 'utf8');
  const [head, ...rows] = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(head).toContain('color_name');
  expect(head).toContain('code:vote');
  expect(rows).toHaveLength(2);
  expect(csv).toContain('voted 38 to 23');
  expect(csv).toContain('1.9 million containers');
  expect(csv).not.toContain('2.4 billion crowns');
  expect(rows.find((r) => r.includes('voted 38 to 23'))).toMatch(/,claim,.*,1$/);

  // Keyboard: Enter on the active (first) row opens its clipping at that passage.
  await list.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#reader-title')).toHaveText(
    'City Council Approves Tram Line to the Western Harbour',
  );
  // The passage is the active highlight in the panel, with its colour's name.
  const active = page.locator('li.active');
  await expect(active).toContainText('voted 38 to 23');
  await expect(active).toContainText('claim');
  await page.screenshot({ path: testInfo.outputPath('opened-at-passage.png') });

  // The library to REFI-QDA: sources, the named colours and tags as codes, the selections.
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export clippings' });
  await dialog.getByLabel('The whole library').check();
  await dialog
    .getByLabel('Format')
    .selectOption({ label: 'REFI-QDA project (.qdpx) — NVivo, MAXQDA, ATLAS.ti' });
  const qdpx = join(app.tempDir, 'library.qdpx');
  app.nextSavePath = qdpx;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 4 clippings.');
  const zip = await JSZip.loadAsync(readFileSync(qdpx));
  const qde = (await zip.file('project.qde')?.async('string')) ?? '';
  expect(qde.match(/<TextSource /g)).toHaveLength(4);
  expect(qde.match(/<PlainTextSelection /g)).toHaveLength(3);
  expect(qde).toMatch(/<Code guid="[^"]+" name="claim" isCodable="true"/);
  expect(qde).toMatch(/<Code guid="[^"]+" name="vote" isCodable="true"/);
  const sources = Object.keys(zip.files).filter((n) => /^Sources\/.+\.txt$/.test(n));
  expect(sources).toHaveLength(4);
});

test('a tag description: written in the tag menu, shown as its tooltip, exported in the codebook', async ({
  app,
}) => {
  const { page } = app;
  await importAll(app);
  await openRow(libraryRows(page).filter({ hasText: 'Tram Line' }));
  await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill('claims');
  await page.keyboard.press('Enter');
  const tag = page.getByRole('button', { name: 'Tag claims, 1 clippings' });
  await expect(tag).toBeVisible();
  await page.getByText('⋯').click();
  await page.getByRole('button', { name: 'Add description…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Describe tag “claims”' });
  await dialog.getByLabel('Description').fill('Factual claims to check');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(tag).toHaveAttribute('title', 'Factual claims to check');
  await expect(tag).toHaveAccessibleDescription('Factual claims to check');

  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const exporter = page.getByRole('dialog', { name: 'Export clippings' });
  await exporter.getByLabel('The whole library').check();
  await exporter
    .getByLabel('Format')
    .selectOption({ label: 'REFI-QDA codebook (.qdc) — the tags as codes' });
  const target = join(app.tempDir, 'codebook.qdc');
  app.nextSavePath = target;
  await exporter.getByRole('button', { name: 'Export…' }).click();
  await expect(exporter.getByRole('status')).toContainText('Exported 4 clippings.');
  const qdc = readFileSync(target, 'utf8');
  expect(qdc).toMatch(
    /<Code guid="[^"]+" name="claims" isCodable="true">\s*<Description>Factual claims to check<\/Description>/,
  );

  // Undo takes the description back.
  await page.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Control+z');
  await expect(tag).not.toHaveAttribute('title', /.+/);
});

import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTICLES, expect, libraryRows, openRow, test, type Harness } from '../support/harness';
import { selectText } from '../support/reader';

async function prepare(app: Harness): Promise<void> {
  const { page } = app;
  await app.open();
  await app.dropFiles(
    ['wire-tram-line.txt', 'rail-order-newsletter.eml', 'moscow-metro-cp1251.txt'].map((n) =>
      join(ARTICLES, n),
    ),
  );
  await expect(libraryRows(page)).toHaveCount(3);
  for (const title of [/Tram Line/, /Rail operator/]) {
    await openRow(libraryRows(page).filter({ hasText: title }));
    await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill('transport');
    await page.keyboard.press('Enter');
  }
  await libraryRows(page)
    .filter({ hasText: /Tram Line/ })
    .click();
  await selectText(page, 'ending a decade of debate');
  await page.getByRole('button', { name: /Highlight green/ }).click();
  const note = page.getByRole('textbox', { name: 'Highlight note' });
  await note.fill('The headline number for the memo');
  await note.blur();
  await expect(page.getByRole('listbox', { name: 'Library' }).getByText('✎ 1')).toBeVisible();
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  return page.getByRole('dialog', { name: 'Export clippings' });
}

test('a tag exported to Markdown: one file per clipping with front matter, highlights and notes', async ({
  app,
}) => {
  const { page } = app;
  await prepare(app);
  const dialog = await openExport(page);
  await dialog.getByLabel('A tag').check();
  await dialog.getByLabel('Tag to export').selectOption('transport');
  await dialog
    .getByLabel('Format')
    .selectOption({ label: 'Markdown — one file per clipping (Obsidian/Logseq vault)' });
  await expect(dialog).toContainText('2 clippings will be exported');
  const folder = join(app.tempDir, 'vault');
  mkdirSync(folder);
  app.nextSavePath = folder;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 2 clippings into 2 files.');
  await dialog.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => app.shownInFolder.length).toBe(1);
  expect(app.shownInFolder[0]?.startsWith(folder)).toBe(true);

  const files = readdirSync(folder).sort();
  expect(files).toHaveLength(2);
  const tram = readFileSync(join(folder, files.find((f) => f.includes('Tram')) ?? ''), 'utf8');
  expect(tram).toMatch(/^---\n/);
  expect(tram).toContain('title:');
  expect(tram).toMatch(/tags:\n\s+- "?transport"?/);
  expect(tram).toContain('ending a decade of debate');
  expect(tram).toContain('The headline number for the memo');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The last choice is remembered.
  const again = await openExport(page);
  await expect(again.getByLabel('Format')).toHaveValue('md');
});

test('the clip book as PDF from the whole library', async ({ app }) => {
  const { page } = app;
  await prepare(app);
  const dialog = await openExport(page);
  await dialog.getByLabel('The whole library').check();
  await dialog.getByLabel('Format').selectOption({ label: 'Clip book (PDF)' });
  await dialog.getByLabel('Title', { exact: true }).fill('Transport briefing');
  await dialog.getByLabel('Subtitle (optional)').fill('Week 48');
  const target = join(app.tempDir, 'briefing.pdf');
  app.nextSavePath = target;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 3 clippings.');
  expect(existsSync(target)).toBe(true);
  const pdf = readFileSync(target);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Compared without spaces: text extraction splits ligatures ("brie fi ng").
  const text = (await pdfText(pdf)).replace(/\s/g, '');
  for (const phrase of [
    'Transport briefing',
    'Week 48',
    'City Council Approves Tram Line',
    'московском метро',
    'ending a decade of debate',
    'The headline number for the memo',
    '5 / 5',
  ]) {
    expect(text).toContain(phrase.replace(/\s/g, ''));
  }
});

test('cancelling the save dialog writes nothing and says so', async ({ app }) => {
  const { page } = app;
  await prepare(app);
  const dialog = await openExport(page);
  await dialog
    .getByLabel('Format')
    .selectOption({ label: 'Spreadsheet (CSV) — one row per clipping' });
  app.nextSavePath = null;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('cancelled');
});

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false })
    .promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  return text;
}

test('report clip books to PDF and Word: summary, numbered contents, grouping remembered', async ({
  app,
}) => {
  const { page } = app;
  await prepare(app);
  const dialog = await openExport(page);
  await dialog.getByLabel('The whole library').check();
  await dialog.getByLabel('Format').selectOption({
    label: 'Report clip book (PDF) — summary, numbered contents, groups',
  });
  await dialog.getByLabel('Title', { exact: true }).fill('Transport report');
  await dialog.getByLabel('Author or organisation (optional)').fill('Press office');
  await dialog.getByLabel('Group by').selectOption({ label: 'Tag' });
  await dialog.getByLabel('Highlights and notes only').check();
  const target = join(app.tempDir, 'report.pdf');
  app.nextSavePath = target;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 3 clippings.');
  const pages = (await pdfText(readFileSync(target))).split('\n').map((p) => p.replace(/\s/g, ''));
  expect(pages[0]).toContain('Pressoffice');
  expect(pages[0]).toContain('3clippings,groupedbytag');
  const summary = pages.findIndex((p) => p.includes('Summary') && p.includes('Coverageovertime'));
  expect(summary).toBe(1);
  expect(pages[summary]).toContain('Clippings3');
  const contents = pages.findIndex((p) => p.includes('Contents'));
  const tagged = pages.findIndex((p, i) => i > contents && p.includes('Tag:transport(2)'));
  expect(tagged).toBeGreaterThan(contents);
  // The contents give the page the group starts on (1-based).
  expect(pages[contents]).toContain(`Tag:transport${tagged + 1}`);
  expect(pages[contents]).toContain(`Untagged`);
  expect(pages.join('')).toContain('Theheadlinenumberforthememo');
  expect(pages.join('')).not.toContain('Thelineisexpectedtocost');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Remembered; the Word report has the same summary, a TOC field and the charts as pictures.
  const again = await openExport(page);
  await expect(again.getByLabel('Group by')).toHaveValue('tag');
  await expect(again.getByLabel('Author or organisation (optional)')).toHaveValue('Press office');
  await again.getByLabel('The whole library').check();
  await again.getByLabel('Format').selectOption({
    label: 'Report clip book (Word document) — summary, contents, groups',
  });
  const docx = join(app.tempDir, 'report.docx');
  app.nextSavePath = docx;
  await again.getByRole('button', { name: 'Export…' }).click();
  await expect(again.getByRole('status')).toContainText('Exported 3 clippings.');
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(readFileSync(docx));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
  expect(xml).toContain('Tag: transport');
  expect(xml).toContain('Press office');
  const pictures = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
  expect(pictures.length).toBeGreaterThan(0);
  const png = await zip.file(pictures[0]!)!.async('uint8array');
  expect(png.byteLength).toBeGreaterThan(1000);
});

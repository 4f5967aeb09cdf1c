import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { DOCX_MEDIA_TYPE, exportDocx } from '@shared/export/docx';
import { OPTIONS, sampleItems } from './sample-items';

describe('DOCX clip book', () => {
  it('reads back with headings, body text, highlights and notes', async () => {
    const [file] = await exportDocx(sampleItems(), OPTIONS);
    expect(file?.name).toBe('Transport clippings.docx');
    expect(file?.mediaType).toBe(DOCX_MEDIA_TYPE);
    const bytes = file!.data as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip

    const buffer = Buffer.from(bytes);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    // Real Word heading styles, which mammoth maps to <h1>/<h2>.
    expect(html).toContain(
      '<h1><a id="clipping1"></a>City Council Approves Tram Line to the Western Harbour</h1>',
    );
    expect(html).toContain('افتتاح محطة جديدة لتحلية المياه على الساحل</h1>');
    expect(html).toContain('В московском метро открыли три новые станции</h1>');
    expect(html).toContain('<h1>Contents</h1>');
    expect(html).toContain('<h2>Highlights</h2>');
    expect(html).toContain('<h2>Highlights not found in the text</h2>');
    expect(html).toContain('<h2>Note</h2>');

    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain('Transport clippings');
    expect(text).toContain('Spring 2025 <review>');
    expect(text).toContain('2024-04-14 – 2025-03-03');
    expect(text).toContain('4 clippings');
    expect(text).toContain('The city council voted 38 to 23 on Monday');
    expect(text).toContain('Close vote.');
    expect(text).toContain(
      'Media: Print · Page: A3 · Edition: Late city · Reach: 125,000 (Publisher audit 2024) · Tone: Negative · Prominence: Lead · Entities: Jonas Ek, Transport committee',
    );
    expect(text).toContain('Tags: politics/council');
    expect(text).toContain('Follow up with the transport committee.');
    expect(text).toContain('</mark><script>alert(1)</script>');
    expect(text).toContain('Сравнить с планом на 2026 год.');
  });

  it('shades highlights in their colours and marks RTL paragraphs', async () => {
    const [file] = await exportDocx(sampleItems(), OPTIONS);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(file!.data as Uint8Array);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('w:fill="FDE68A"');
    expect(xml).toContain('w:fill="FBCFE8"');
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
  });
});

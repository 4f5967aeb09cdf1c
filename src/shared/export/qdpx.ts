/**
 * REFI-QDA exports (QDA-XML 1.0), the exchange standard of NVivo, MAXQDA, ATLAS.ti and others:
 * a project (.qdpx: a zip of `project.qde` and each clipping's text under `Sources/`) and the
 * codebook alone (.qdc).
 *
 * Clippings are text sources; tags are codes (`politics/europe` is a code under `politics`,
 * with the tag's description); highlights are coded selections (by their colour's code and
 * their tags) at character positions of the source text; article and highlight notes are
 * notes; the clipping's fields (outlet, date, coverage) are variables.
 *
 * Positions count Unicode code points, as the standard's implementations do (QualCoder,
 * MAXQDA): a JavaScript index counts UTF-16 units, which differ after an emoji or a rare CJK
 * character. GUIDs are derived from Clipbook's ids, so exporting the same library twice gives
 * the same GUIDs and a tool can recognise what it imported before.
 */
import JSZip from 'jszip';
import {
  HIGHLIGHT_COLORS,
  HIGHLIGHT_CSS,
  clippingText,
  colorLabel,
  normalizeTag,
  type HighlightColor,
} from '../annotations';
import {
  MEDIA_TYPE_LABELS,
  PROMINENCE_LABELS,
  TONE_LABELS,
  coverageOf,
  type Clipping,
} from '../clipping';
import { locateHighlight } from './anchor';
import { DEFAULT_TITLE, datePart, metaLine, titleOf } from './common';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions, TagInfo } from './types';

export const QDPX_MEDIA_TYPE = 'application/vnd.qdpx+zip';
export const QDC_MEDIA_TYPE = 'application/xml';
const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Clipbook';

// ---- Text and identifiers ----------------------------------------------------------------

// XML 1.0 forbids most control characters and lone surrogates.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 32-bit FNV-1a of `s` from `seed`. */
function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A GUID that stands for `key` (kind and Clipbook id) and never changes: four independent
 * 32-bit hashes, shaped as a version 8 (custom) UUID.
 */
export function guidOf(key: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x7f4a7c15]
    .map((seed) => fnv(key, seed).toString(16).padStart(8, '0'))
    .join('')
    .toUpperCase();
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16).toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Code-point offset of UTF-16 index `index` in `text`. */
function codePointOffset(text: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function rgb(color: string): string | undefined {
  return /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(color.trim())
    ? color.trim().toUpperCase()
    : undefined;
}

/** A source's text as stored: the clipping's paragraphs, XML-safe (as written to `Sources/`). */
export function sourceText(c: Clipping): string {
  return clippingText(c.paragraphs).replace(XML_INVALID, '');
}

// ---- The codebook ------------------------------------------------------------------------

interface CodeNode {
  guid: string;
  name: string;
  description: string;
  color: string | undefined;
  codable: boolean;
  children: CodeNode[];
}

export interface Codebook {
  roots: CodeNode[];
  /** Lower-case tag → its code's GUID (every '/'-prefix is a code too). */
  tagGuid: Map<string, string>;
  colorGuid: Map<HighlightColor, string>;
}

/** Tags as a tree of codes by '/', with the colours as codes under their own parent. */
export function buildCodebook(items: readonly ExportItem[], options: ExportOptions): Codebook {
  const info = new Map<string, TagInfo>();
  for (const t of options.tags ?? []) info.set(normalizeTag(t.name).toLowerCase(), t);
  const names = new Map<string, string>();
  const addTag = (raw: string): void => {
    const tag = normalizeTag(raw);
    if (!tag) return;
    const parts = tag.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      if (!names.has(path.toLowerCase())) names.set(path.toLowerCase(), path);
    }
  };
  for (const t of options.tags ?? []) addTag(t.name);
  for (const { clipping, highlights } of items) {
    clipping.tags.forEach(addTag);
    for (const h of highlights) h.tags.forEach(addTag);
  }
  const tagGuid = new Map<string, string>();
  const nodes = new Map<string, CodeNode>();
  const roots: CodeNode[] = [];
  for (const [key, path] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const tag = info.get(key);
    const node: CodeNode = {
      guid: guidOf(`code:${key}`),
      name: path.split('/').at(-1) ?? path,
      description: tag?.description ?? '',
      color: tag ? rgb(tag.color) : undefined,
      codable: true,
      children: [],
    };
    nodes.set(key, node);
    tagGuid.set(key, node.guid);
    const parent = key.includes('/') ? nodes.get(key.slice(0, key.lastIndexOf('/'))) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const colorGuid = new Map<HighlightColor, string>();
  const used = new Set(items.flatMap((i) => i.highlights.map((h) => h.color)));
  const colors: CodeNode = {
    guid: guidOf('code-group:colours'),
    name: 'Highlight colours',
    description: 'The colour each passage was highlighted in, by the name given to it.',
    color: undefined,
    codable: false,
    children: HIGHLIGHT_COLORS.filter((c) => used.has(c)).map((c) => {
      const guid = guidOf(`colour:${c}`);
      colorGuid.set(c, guid);
      return {
        guid,
        name: colorLabel(c, options.colorNames),
        description: options.colorNames?.[c] ? `Highlighted ${c}` : '',
        color: HIGHLIGHT_CSS[c].toUpperCase(),
        codable: true,
        children: [],
      };
    }),
  };
  if (colors.children.length > 0) roots.push(colors);
  return { roots, tagGuid, colorGuid };
}

function codeXml(node: CodeNode, indent: string): string {
  const attrs =
    `guid="${node.guid}" name="${xmlAttr(node.name)}" isCodable="${node.codable}"` +
    (node.color ? ` color="${node.color}"` : '');
  const inner = [
    node.description ? `${indent}  <Description>${xmlText(node.description)}</Description>` : '',
    ...node.children.map((c) => codeXml(c, `${indent}  `)),
  ].filter(Boolean);
  return inner.length === 0
    ? `${indent}<Code ${attrs}/>`
    : `${indent}<Code ${attrs}>\n${inner.join('\n')}\n${indent}</Code>`;
}

function codesXml(book: Codebook, indent: string): string {
  return book.roots.map((n) => codeXml(n, `${indent}  `)).join('\n');
}

/** The codebook alone (.qdc); a library without tags or highlights gives an empty one. */
export function codebookXml(items: readonly ExportItem[], options: ExportOptions): string {
  const book = buildCodebook(items, options);
  // Codes needs at least one Code: an empty codebook says so in one non-codable code.
  const codes =
    book.roots.length > 0
      ? codesXml(book, '  ')
      : `    <Code guid="${guidOf('code:none')}" name="No codes yet" isCodable="false"/>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${CODEBOOK_NS}" origin="${ORIGIN}">`,
    '  <Codes>',
    codes,
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}

// ---- Variables -----------------------------------------------------------------------------

type VariableKind = 'Text' | 'Integer' | 'Date';

const VARIABLES: readonly {
  key: string;
  name: string;
  type: VariableKind;
  value: (c: Clipping) => string | number | null;
}[] = [
  { key: 'outlet', name: 'Outlet', type: 'Text', value: (c) => c.source },
  { key: 'section', name: 'Section', type: 'Text', value: (c) => c.section },
  { key: 'authors', name: 'Authors', type: 'Text', value: (c) => c.authors.join('; ') },
  { key: 'published', name: 'Published', type: 'Date', value: (c) => datePart(c.publishedAt) },
  { key: 'url', name: 'URL', type: 'Text', value: (c) => c.url },
  { key: 'language', name: 'Language', type: 'Text', value: (c) => c.language },
  {
    key: 'media-type',
    name: 'Media type',
    type: 'Text',
    value: (c) => {
      const m = coverageOf(c).mediaType;
      return m ? MEDIA_TYPE_LABELS[m] : '';
    },
  },
  { key: 'page', name: 'Page', type: 'Text', value: (c) => coverageOf(c).page },
  { key: 'edition', name: 'Edition', type: 'Text', value: (c) => coverageOf(c).edition },
  { key: 'reach', name: 'Reach', type: 'Integer', value: (c) => coverageOf(c).reach },
  {
    key: 'reach-source',
    name: 'Reach source',
    type: 'Text',
    value: (c) => coverageOf(c).reachSource,
  },
  {
    key: 'tone',
    name: 'Tone',
    type: 'Text',
    value: (c) => {
      const t = coverageOf(c).tone;
      return t ? TONE_LABELS[t] : '';
    },
  },
  {
    key: 'prominence',
    name: 'Prominence',
    type: 'Text',
    value: (c) => {
      const p = coverageOf(c).prominence;
      return p ? PROMINENCE_LABELS[p] : '';
    },
  },
  {
    key: 'entities',
    name: 'Spokespeople and entities',
    type: 'Text',
    value: (c) => coverageOf(c).entities.join('; '),
  },
];

const VALUE_ELEMENT: Record<VariableKind, string> = {
  Text: 'TextValue',
  Integer: 'IntegerValue',
  Date: 'DateValue',
};

// ---- The project ---------------------------------------------------------------------------

interface Note {
  guid: string;
  name: string;
  text: string;
  created: string;
}

function stamp(iso: string, fallback: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(iso)
    ? iso
    : fallback;
}

/** `project.qde` and the source texts (name → text) of a .qdpx. */
export function qdpxProject(
  items: readonly ExportItem[],
  options: ExportOptions,
): { qde: string; sources: Map<string, string> } {
  const book = buildCodebook(items, options);
  const user = guidOf(`user:${ORIGIN}`);
  const now = stamp(options.generatedAt, new Date(0).toISOString());
  const notes: Note[] = [];
  const sources = new Map<string, string>();
  const sourceXml: string[] = [];
  const codeRef = (guid: string, key: string, indent: string) =>
    `${indent}<Coding guid="${guidOf(key)}" creatingUser="${user}"><CodeRef targetGUID="${guid}"/></Coding>`;

  for (const item of items) {
    const c = item.clipping;
    const guid = guidOf(`source:${c.id}`);
    const text = sourceText(c);
    const file = `${guid}.txt`;
    sources.set(file, text);
    const created = stamp(c.importedAt, now);
    const lines: string[] = [
      `    <TextSource guid="${guid}" name="${xmlAttr(titleOf(c))}" plainTextPath="internal://${file}" creatingUser="${user}" creationDateTime="${created}">`,
    ];
    const meta = metaLine(c);
    if (meta) lines.push(`      <Description>${xmlText(meta)}</Description>`);
    for (const h of item.highlights) {
      const at = locateHighlight(text, h);
      // A passage whose words are gone from the text cannot be a selection; its note stays.
      if (!at) continue;
      const start = codePointOffset(text, at.start);
      const end = start + codePointOffset(text.slice(at.start, at.end), at.end - at.start);
      const sel = guidOf(`selection:${h.id}`);
      lines.push(
        `      <PlainTextSelection guid="${sel}" name="${xmlAttr(h.quote.exact.slice(0, 200))}" startPosition="${start}" endPosition="${end}" creatingUser="${user}" creationDateTime="${stamp(h.createdAt, created)}">`,
      );
      const colour = book.colorGuid.get(h.color);
      if (colour) lines.push(codeRef(colour, `coding:${h.id}:colour`, '        '));
      for (const tag of h.tags) {
        const code = book.tagGuid.get(normalizeTag(tag).toLowerCase());
        if (code) lines.push(codeRef(code, `coding:${h.id}:${tag.toLowerCase()}`, '        '));
      }
      if (h.note.trim()) {
        const note = guidOf(`note:${h.id}`);
        notes.push({
          guid: note,
          name: `Note on “${h.quote.exact.slice(0, 60)}”`,
          text: h.note,
          created: stamp(h.updatedAt, created),
        });
        lines.push(`        <NoteRef targetGUID="${note}"/>`);
      }
      lines.push('      </PlainTextSelection>');
    }
    for (const tag of c.tags) {
      const code = book.tagGuid.get(normalizeTag(tag).toLowerCase());
      if (code) lines.push(codeRef(code, `coding:${c.id}:${tag.toLowerCase()}`, '      '));
    }
    if (item.note.trim()) {
      const note = guidOf(`note:${c.id}`);
      notes.push({ guid: note, name: `Note on ${titleOf(c)}`, text: item.note, created });
      lines.push(`      <NoteRef targetGUID="${note}"/>`);
    }
    for (const variable of VARIABLES) {
      const value = variable.value(c);
      if (value === null || value === '') continue;
      const element = VALUE_ELEMENT[variable.type];
      lines.push(
        `      <VariableValue><VariableRef targetGUID="${guidOf(`variable:${variable.key}`)}"/><${element}>${xmlText(String(value))}</${element}></VariableValue>`,
      );
    }
    lines.push('    </TextSource>');
    sourceXml.push(lines.join('\n'));
  }

  const title = options.title ?? DEFAULT_TITLE;
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${PROJECT_NS}" name="${xmlAttr(title)}" origin="${ORIGIN}" creatingUserGUID="${user}" creationDateTime="${now}">`,
    `  <Users>\n    <User guid="${user}" name="${ORIGIN}"/>\n  </Users>`,
  ];
  if (book.roots.length > 0)
    parts.push(`  <CodeBook>\n    <Codes>\n${codesXml(book, '    ')}\n    </Codes>\n  </CodeBook>`);
  parts.push(
    `  <Variables>\n${VARIABLES.map(
      (v) =>
        `    <Variable guid="${guidOf(`variable:${v.key}`)}" name="${v.name}" typeOfVariable="${v.type}"/>`,
    ).join('\n')}\n  </Variables>`,
  );
  if (sourceXml.length > 0) parts.push(`  <Sources>\n${sourceXml.join('\n')}\n  </Sources>`);
  if (notes.length > 0) {
    parts.push(
      `  <Notes>\n${notes
        .map(
          (n) =>
            `    <Note guid="${n.guid}" name="${xmlAttr(n.name)}" creatingUser="${user}" creationDateTime="${n.created}">\n      <PlainTextContent>${xmlText(n.text)}</PlainTextContent>\n    </Note>`,
        )
        .join('\n')}\n  </Notes>`,
    );
  }
  if (options.subtitle) parts.push(`  <Description>${xmlText(options.subtitle)}</Description>`);
  parts.push('</Project>', '');
  return { qde: parts.join('\n'), sources };
}

export async function exportQdpx(
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  const { qde, sources } = qdpxProject(items, options);
  const zip = new JSZip();
  zip.file('project.qde', qde);
  for (const [name, text] of sources) zip.file(`Sources/${name}`, text);
  const data = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'qdpx' });
  return [{ name, data, mediaType: QDPX_MEDIA_TYPE }];
}

export function exportQdc(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const name = safeFileName(`${options.title ?? DEFAULT_TITLE} codebook`, { extension: 'qdc' });
  return [{ name, data: codebookXml(items, options), mediaType: QDC_MEDIA_TYPE }];
}

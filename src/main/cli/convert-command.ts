/**
 * `clipbook convert --to FORMAT --out DIR FILE...`: imports article files with the import
 * engine and exports them without the app. The PDF clip book is not offered: it is printed
 * by Chromium, which only the app has.
 */
import path from 'node:path';
import type { Clipping, ClippingDraft } from '@shared/clipping';
import { errorMessage } from '@shared/errors';
import { cliFormat, cliFormatNames, exportItems } from '@shared/export';
import type { ExportFormat, ExportItem } from '@shared/export';
import { defaultReportSettings, parseGroupBy } from '@shared/export/report-options';
import type { ReportGroupKey } from '@shared/export/report-options';
import { nodeChartDocument, rasteriseWithResvg } from '../export/report-node';
import { writeExport } from '../export/write-export';
import type { ExportFs } from '../export/write-export';

export interface ConvertIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

export interface ConvertDeps {
  parseFile(path: string): Promise<
    | {
        ok: true;
        draft: ClippingDraft;
        /** A database export's articles; duplicates of earlier ones are not exported. */
        parts?: {
          part: number;
          outcome:
            | { ok: true; draft: ClippingDraft; duplicateOf?: number }
            | { ok: false; error: { code: string; message: string } };
        }[];
      }
    | { ok: false; error: { code: string; message: string } }
  >;
  /** The clock, injectable so tests are deterministic. */
  now?: () => Date;
  /** The locale of report dates; the system's when absent. */
  locale?: string;
  fs?: ExportFs;
}

export const CONVERT_USAGE = `Usage: clipbook convert --to FORMAT --out DIR [options] FILE...

Imports each FILE (txt, html, md, eml, pdf, docx, rtf) and exports the articles into DIR;
a news-database export gives one article per article it holds (repeats skipped).

FORMAT    ${cliFormatNames().join(' | ')}
Options:
  --title TEXT      title of the export (and of combined files)
  --excerpt         export only the first paragraph of each article, not the full text
  --combined        md: one file for all articles instead of one per article
  --per-highlight   csv: one row per highlight instead of one per article
  --report          docx: a report clip book (summary with charts, contents, groups)
  --group-by KEYS   report: group by tag, outlet, section, tone or story; two with a
                    comma, outer first (--group-by tone,outlet)
  --author TEXT     report: author or organisation on the cover
  --subtitle TEXT   report: subtitle on the cover
  -h, --help        show this help

A PDF clip book needs the Clipbook app (it is printed by its Chromium renderer):
open the articles in Clipbook and use Export → Clip book (PDF).
`;

interface Parsed {
  to?: string;
  out?: string;
  title?: string;
  author?: string;
  subtitle?: string;
  'group-by'?: string;
  report: boolean;
  excerpt: boolean;
  combined: boolean;
  perHighlight: boolean;
  help: boolean;
  files: string[];
}

function parseArgs(argv: readonly string[]): Parsed | string {
  const args = argv[0] === 'convert' ? argv.slice(1) : [...argv];
  const p: Parsed = {
    excerpt: false,
    combined: false,
    perHighlight: false,
    report: false,
    help: false,
    files: [],
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') {
      p.files.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => {
      if (eq > 0) return arg.slice(eq + 1);
      i += 1;
      return args[i];
    };
    switch (flag) {
      case '--to':
      case '--out':
      case '--title':
      case '--author':
      case '--subtitle':
      case '--group-by': {
        const value = takeValue();
        if (value === undefined || value === '') return `${flag} needs a value.`;
        p[flag.slice(2) as 'to' | 'out' | 'title' | 'author' | 'subtitle' | 'group-by'] = value;
        break;
      }
      case '--report':
        p.report = true;
        break;
      case '--excerpt':
        p.excerpt = true;
        break;
      case '--combined':
        p.combined = true;
        break;
      case '--per-highlight':
        p.perHighlight = true;
        break;
      case '-h':
      case '--help':
        p.help = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') return `Unknown option ${arg}.`;
        p.files.push(arg);
    }
  }
  return p;
}

function resolveFormat(
  p: Parsed,
): { format: ExportFormat; groupBy: ReportGroupKey[] } | { error: string } {
  const to = (p.to ?? '').toLowerCase();
  const groupBy = p['group-by'] === undefined ? [] : parseGroupBy(p['group-by']);
  if (typeof groupBy === 'string') return { error: groupBy };
  if (!p.report && (p['group-by'] !== undefined || p.author !== undefined))
    return { error: '--group-by and --author need --report.' };
  if (to === 'pdf') {
    const error =
      "A PDF clip book needs the Clipbook app: it is printed by the app's Chromium renderer. Open the articles in Clipbook and use Export → Clip book (PDF), or convert to html or docx here.";
    return { error };
  }
  const format = cliFormat(to, {
    combined: p.combined,
    perHighlight: p.perHighlight,
    report: p.report,
  });
  if (p.report && format !== 'report-docx')
    return {
      error: `--report makes a Word report: use --to docx (a PDF report needs the Clipbook app).`,
    };
  if (!format) {
    return {
      error: `Unknown format "${p.to}". Use one of: ${cliFormatNames().join(', ')}.`,
    };
  }
  return { format, groupBy };
}

/** Returns the exit code: 0 all converted, 1 some or all files could not be, 2 usage error. */
export async function runConvert(
  argv: string[],
  io: ConvertIo,
  deps: ConvertDeps,
): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n\n${CONVERT_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(CONVERT_USAGE);
    return 0;
  }
  if (!parsed.to || !parsed.out || parsed.files.length === 0) {
    const missing = [
      !parsed.to && '--to',
      !parsed.out && '--out',
      parsed.files.length === 0 && 'FILE',
    ]
      .filter(Boolean)
      .join(', ');
    io.stderr(`Missing ${missing}.\n\n${CONVERT_USAGE}`);
    return 2;
  }
  const resolved = resolveFormat(parsed);
  if ('error' in resolved) {
    io.stderr(`${resolved.error}\n`);
    return 2;
  }

  const now = (deps.now ?? (() => new Date()))().toISOString();
  const items: ExportItem[] = [];
  const ids = new Set<string>();
  let failed = 0;
  for (const file of parsed.files) {
    let outcome: Awaited<ReturnType<ConvertDeps['parseFile']>>;
    try {
      outcome = await deps.parseFile(file);
    } catch (e) {
      outcome = {
        ok: false,
        error: { code: 'unreadable', message: errorMessage(e) },
      };
    }
    if (!outcome.ok) {
      failed += 1;
      io.stderr(`${file}: ${outcome.error.message} (${outcome.error.code})\n`);
      continue;
    }
    const drafts: ClippingDraft[] = [];
    if (outcome.parts) {
      for (const { part, outcome: article } of outcome.parts) {
        if (!article.ok) io.stderr(`${file} (article ${part}): ${article.error.message}\n`);
        else if (article.duplicateOf)
          io.stderr(
            `${file} (article ${part}): repeats article ${article.duplicateOf}; skipped.\n`,
          );
        else drafts.push(article.draft);
      }
    } else drafts.push(outcome.draft);
    for (const draft of drafts) {
      // Ids from the content hash, so converting the same files twice gives the same ids.
      const base = `clip-${draft.original.sha256.slice(0, 16)}`;
      let id = base;
      for (let n = 2; ids.has(id); n += 1) id = `${base}-${n}`;
      ids.add(id);
      const clipping: Clipping = { ...draft, id, importedAt: now, deletedAt: '' };
      items.push({ clipping, highlights: [], note: '' });
    }
  }
  if (items.length === 0) {
    io.stderr('Nothing to export: no file could be imported.\n');
    return 1;
  }

  try {
    const files = await exportItems(resolved.format, items, {
      ...(parsed.title !== undefined ? { title: parsed.title } : {}),
      ...(parsed.subtitle !== undefined ? { subtitle: parsed.subtitle } : {}),
      includeBody: !parsed.excerpt,
      generatedAt: now,
      ...(parsed.report
        ? {
            report: {
              ...defaultReportSettings(),
              groupBy: resolved.groupBy,
              author: parsed.author ?? '',
              body: parsed.excerpt ? 'first-paragraph' : 'full',
            },
            locale: deps.locale ?? (Intl.DateTimeFormat().resolvedOptions().locale || 'en-GB'),
            chartDocument: nodeChartDocument(),
            rasterise: rasteriseWithResvg,
          }
        : {}),
    });
    const written = await writeExport(parsed.out, files, deps.fs ? { fs: deps.fs } : {});
    for (const p of written) io.stdout(`${p}\n`);
    const dir = path.resolve(parsed.out);
    io.stdout(
      `Exported ${items.length} ${items.length === 1 ? 'article' : 'articles'} as ${parsed.to} to ${dir}` +
        `${failed > 0 ? `; ${failed} ${failed === 1 ? 'file' : 'files'} could not be imported` : ''}.\n`,
    );
  } catch (e) {
    io.stderr(`Export failed: ${errorMessage(e)}\n`);
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

/** The `clipbook` command line: argument handling and output, kept free of process globals. */
import type { ClippingDraft } from '@shared/clipping';
import { stripUnsafeChars } from '@shared/text-safety';
import { parseFile, type ParseOutcome } from '../import/index';
import { runConvert } from './convert-command';
import { runSearch } from './search-command';
import { runStories } from './stories-command';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 2;
export const EXIT_USAGE = 64;

export const USAGE = `Usage: clipbook parse [--json | --md] FILE...
       clipbook convert --to FORMAT --out DIR FILE...   (see clipbook convert --help)
       clipbook search [--json] --query QUERY FILE|DIR...  (see clipbook search --help)
       clipbook stories --json FILE...   (see clipbook stories --help)

Parses article files (.txt, .html, .md, .eml, .pdf, .docx, .rtf) the way the app imports
them. News-database exports (Nexis Uni, LexisNexis Academic, Factiva, ProQuest,
Europresse) give one element per article, each with the same "file", its "part"
(1, 2, …) in file order and the "database"; an article the export repeats is marked
with "duplicateOf": the part it repeats.

Options:
  --json   print one JSON array, one element per file or article, in the order given (default)
  --md     print readable Markdown instead
  -h, --help  show this help

Exit status: 0 when every file parsed, 2 when any file or article was refused, 64 on bad usage.
`;

/** Set on entries that are one article of a multi-article database export. */
interface PartOf {
  part?: number;
  database?: string;
  /** The earlier part of the same file this article repeats. */
  duplicateOf?: number;
}

type Entry =
  | ({ file: string; clipping: ClippingDraft } & PartOf)
  | ({ file: string; error: { code: string; message: string } } & PartOf);

/** One entry per file, or per article (in file order, duplicates marked) for an export. */
export function entriesOf(file: string, r: ParseOutcome): Entry[] {
  if (!r.ok) return [{ file, error: r.error }];
  if (!r.parts || !r.database) return [{ file, clipping: r.draft }];
  const database = r.database;
  return r.parts.map(({ part, outcome }) =>
    outcome.ok
      ? {
          file,
          part,
          database,
          ...(outcome.duplicateOf ? { duplicateOf: outcome.duplicateOf } : {}),
          clipping: outcome.draft,
        }
      : { file, part, database, error: outcome.error },
  );
}

function toMarkdown(entries: Entry[]): string {
  const out: string[] = [];
  for (const entry of entries) {
    // Drafts and refusals are clean already; the path is as typed, and a terminal would run
    // the escape sequences a file name can hold.
    const e = { ...entry, file: stripUnsafeChars(entry.file, { directionMarks: true }) };
    const where = e.part ? ` (article ${e.part})` : '';
    if ('error' in e) {
      out.push(`## ${e.file}${where}\n\n**Refused (${e.error.code}):** ${e.error.message}\n`);
      continue;
    }
    const c = e.clipping;
    const meta: string[] = [];
    if (c.source) meta.push(`- Source: ${c.source}${c.section ? ` (${c.section})` : ''}`);
    if (c.authors.length) meta.push(`- Authors: ${c.authors.join(', ')}`);
    if (c.publishedAt) meta.push(`- Published: ${c.publishedAt}`);
    if (c.url) meta.push(`- URL: <${c.url}>`);
    if (c.language) meta.push(`- Language: ${c.language} (${c.direction})`);
    if (c.tags.length) meta.push(`- Tags: ${c.tags.join(', ')}`);
    meta.push(
      `- File: ${e.file}${where} (${c.format}, ${c.encoding.name}${c.encoding.guessed ? ', guessed' : ''})`,
    );
    if (c.record?.documentId) meta.push(`- Document ID: ${c.record.documentId}`);
    if (e.duplicateOf) meta.push(`- Duplicate of article ${e.duplicateOf}`);
    for (const w of c.warnings) meta.push(`- Warning: ${w}`);
    const related = c.related.length
      ? `\n### Related\n\n${c.related.map((r) => `- ${r.title}${r.url ? ` <${r.url}>` : ''}`).join('\n')}\n`
      : '';
    out.push(`# ${c.title}\n\n${meta.join('\n')}\n\n${c.paragraphs.join('\n\n')}\n${related}`);
  }
  return out.join('\n---\n\n');
}

/** Runs the CLI with `argv` (arguments after the script name) and returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // `convert` (the export side) owns its own options, help and exit codes.
  if (argv[0] === 'convert') return runConvert(argv.slice(1), io, { parseFile });
  if (argv[0] === 'search') return runSearch(argv.slice(1), io, { parseFile });
  if (argv[0] === 'stories') return runStories(argv.slice(1), io, { parseFile });
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const [command, ...rest] = argv;
  if (command !== 'parse') {
    io.stderr(command ? `clipbook: unknown command “${command}”.\n\n${USAGE}` : USAGE);
    return EXIT_USAGE;
  }
  let mode: 'json' | 'md' = 'json';
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of rest) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') mode = 'json';
    else if (!optionsDone && arg === '--md') mode = 'md';
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') {
      io.stderr(`clipbook: unknown option “${arg}”.\n\n${USAGE}`);
      return EXIT_USAGE;
    } else files.push(arg);
  }
  if (!files.length) {
    io.stderr(`clipbook: no files given.\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const entries: Entry[] = [];
  for (const file of files) {
    entries.push(...entriesOf(file, await parseFile(file)));
  }
  io.stdout(mode === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : toMarkdown(entries));
  return entries.some((e) => 'error' in e) ? EXIT_REFUSED : EXIT_OK;
}

/**
 * `clipbook search [--json] --query Q [--limit N] FILE...|DIR...`: imports the files as the
 * app does, builds the app's search index over them in memory and prints the ranked hits —
 * for pipelines, and to try the query language from outside the app.
 */
import { clippingText } from '@shared/annotations';
import type { ClippingDraft } from '@shared/clipping';
import { SearchIndex } from '@shared/search/index';
import { hitSnippet } from '@shared/search/snippet';
import type { SearchDoc } from '@shared/search/types';
import { collectFiles } from '../import/collect-files';

export interface SearchIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

export interface SearchDeps {
  parseFile(
    path: string,
  ): Promise<
    { ok: true; draft: ClippingDraft } | { ok: false; error: { code: string; message: string } }
  >;
}

export const SEARCH_USAGE = `Usage: clipbook search [--json] --query QUERY [--limit N] FILE|DIR...

Imports each FILE (and every file in each DIR) as Clipbook does, and prints the articles
that match QUERY, best first: file, title, score and a snippet.

QUERY uses the search box's language, e.g.
  (ban OR moratorium) w/5 pesticid*     "climate change" w/p protest* -sport
  title:election  atleast3(vote)  source:guardian  after:2024-01
Options:
  --json        print one JSON object: {query, total, hits, refused} (default: text)
  --limit N     print at most N hits (default 20)
  -h, --help    show this help

Exit status: 0 on success (files that are not articles are listed as refused),
64 on bad usage or an invalid query.
`;

const EXIT_OK = 0;
const EXIT_USAGE = 64;

interface Hit {
  file: string;
  title: string;
  score: number;
  snippet: string;
}

function docOf(file: string, draft: ClippingDraft): SearchDoc {
  return {
    id: file,
    title: draft.title,
    body: clippingText(draft.paragraphs),
    source: draft.source,
    authors: draft.authors,
    tags: draft.tags,
    note: '',
    highlightNotes: '',
    language: draft.language,
    publishedAt: draft.publishedAt,
    hasHighlights: false,
    hasNote: false,
    trashed: false,
  };
}

export async function runSearch(argv: string[], io: SearchIo, deps: SearchDeps): Promise<number> {
  let query: string | undefined;
  let json = false;
  let limit = 20;
  const paths: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsDone || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
    } else if (arg === '--') {
      optionsDone = true;
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(SEARCH_USAGE);
      return EXIT_OK;
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--query' || arg === '--limit') {
      const value = argv[++i];
      if (value === undefined) {
        io.stderr(`clipbook search: ${arg} needs a value.\n\n${SEARCH_USAGE}`);
        return EXIT_USAGE;
      }
      if (arg === '--query') query = value;
      else {
        limit = Number(value);
        if (!Number.isInteger(limit) || limit < 1) {
          io.stderr(`clipbook search: --limit takes a whole number of 1 or more.\n`);
          return EXIT_USAGE;
        }
      }
    } else {
      io.stderr(`clipbook search: unknown option “${arg}”.\n\n${SEARCH_USAGE}`);
      return EXIT_USAGE;
    }
  }
  if (query === undefined || query.trim() === '') {
    io.stderr(`clipbook search: no query given (--query).\n\n${SEARCH_USAGE}`);
    return EXIT_USAGE;
  }
  if (paths.length === 0) {
    io.stderr(`clipbook search: no files or folders given.\n\n${SEARCH_USAGE}`);
    return EXIT_USAGE;
  }

  const docs = new Map<string, SearchDoc>();
  const refused: { file: string; error: { code: string; message: string } }[] = [];
  for await (const entry of collectFiles(paths)) {
    if ('error' in entry) {
      refused.push({ file: entry.path, error: entry.error });
      continue;
    }
    const r = await deps.parseFile(entry.path);
    if (r.ok) docs.set(entry.path, docOf(entry.path, r.draft));
    else refused.push({ file: entry.path, error: r.error });
  }
  const index = new SearchIndex();
  index.add([...docs.values()]);
  // A finished query, not one being typed: the last word is not a prefix.
  const result = index.search(query, { limit, prefixLast: false });
  if (result.error) {
    const { message, start, end } = result.error;
    const caret = ' '.repeat(start) + '^'.repeat(Math.max(1, end - start));
    io.stderr(`clipbook search: ${message}\n  ${query}\n  ${caret}\n`);
    return EXIT_USAGE;
  }
  const hits: Hit[] = result.hits.map((h) => {
    const doc = docs.get(h.id)!;
    const { snippet } = hitSnippet(doc, result.highlight, 200);
    return {
      file: h.id,
      title: doc.title,
      score: Number(h.score.toFixed(4)),
      snippet: snippet.text,
    };
  });
  for (const notice of result.notices ?? []) io.stderr(`clipbook search: ${notice.message}\n`);
  if (json) {
    io.stdout(`${JSON.stringify({ query, total: result.total, hits, refused }, null, 2)}\n`);
  } else {
    const lines = hits.map(
      (h, k) => `${k + 1}. ${h.title}  (${h.score})\n   ${h.file}\n   ${h.snippet}\n`,
    );
    const shown = hits.length < result.total ? ` (first ${hits.length})` : '';
    io.stdout(
      `${result.total} match${result.total === 1 ? '' : 'es'}${shown} in ${docs.size} articles\n\n${lines.join('\n')}`,
    );
  }
  return EXIT_OK;
}

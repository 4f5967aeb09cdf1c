/**
 * `clipbook stories --json FILE…`: parses the files as the app imports them, groups them
 * into stories the way the library does, and prints each story (original first) with its
 * copies' file, title, outlet, date and similarity to the original.
 */
import type { ClippingDraft } from '@shared/clipping';
import { groupStories, type StoryDoc } from '@shared/stories/group';
import { sketchOf } from '@shared/stories/sketch';
import type { CliIo } from './run-cli';

export const STORIES_USAGE = `Usage: clipbook stories [--json] [--all] FILE...

Groups article files into stories: copies of one text (syndicated, retitled, trimmed, with an
outlet's own lead or boilerplate) become one story with an original, the agency's own copy
or else the earliest. Prints one JSON array of stories, largest first.

Options:
  --json   JSON output (the default and only format)
  --all    list single clippings too, as stories of one
  -h, --help  show this help

Exit status: 0 when every file parsed, 2 when any file was refused (its error is in
"refused"), 64 on bad usage.
`;

type Parse = (
  path: string,
) => Promise<
  { ok: true; draft: ClippingDraft } | { ok: false; error: { code: string; message: string } }
>;

export async function runStories(
  argv: string[],
  io: CliIo,
  deps: { parseFile: Parse },
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(STORIES_USAGE);
    return 0;
  }
  let all = false;
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of argv) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') continue;
    else if (!optionsDone && arg === '--all') all = true;
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') {
      io.stderr(`clipbook stories: unknown option “${arg}”.\n\n${STORIES_USAGE}`);
      return 64;
    } else files.push(arg);
  }
  if (!files.length) {
    io.stderr(`clipbook stories: no files given.\n\n${STORIES_USAGE}`);
    return 64;
  }
  const drafts = new Map<string, ClippingDraft>();
  const refused: { file: string; error: { code: string; message: string } }[] = [];
  const docs: StoryDoc[] = [];
  for (const file of files) {
    if (drafts.has(file)) continue;
    const r = await deps.parseFile(file);
    if (!r.ok) {
      refused.push({ file, error: r.error });
      continue;
    }
    drafts.set(file, r.draft);
    docs.push({
      id: file,
      source: r.draft.source,
      publishedAt: r.draft.publishedAt,
      language: r.draft.language,
      sketch: sketchOf(r.draft),
    });
  }
  const describe = (file: string, similarity: number) => {
    const d = drafts.get(file) as ClippingDraft;
    return { file, title: d.title, outlet: d.source, date: d.publishedAt, similarity };
  };
  const stories = groupStories(docs)
    .filter((s) => all || s.members.length > 1)
    .sort(
      (a, b) =>
        b.members.length - a.members.length ||
        files.indexOf(a.original) - files.indexOf(b.original),
    )
    .map((s) => ({
      original: describe(s.original, 1),
      agency: s.agency,
      copies: s.members.slice(1).map((m) => describe(m.id, m.similarity)),
    }));
  io.stdout(`${JSON.stringify({ stories, refused }, null, 2)}\n`);
  return refused.length > 0 ? 2 : 0;
}

/**
 * Highlights and article notes, with the summary fields that follow them (highlight count,
 * has a note) kept in step in the same transaction.
 */
import type { ArticleNote, Highlight } from '@shared/annotations';
import { pagesByKey, type ClippingSummary } from './db';
import type { RepoContext } from './repo-context';

/** Every highlight in the library, a page at a time (the Highlights view). */
export async function allHighlights(ctx: RepoContext): Promise<Highlight[]> {
  const all: Highlight[] = [];
  for await (const rows of pagesByKey(ctx.db.highlights, 10_000)) for (const h of rows) all.push(h);
  return all;
}

export async function highlightsOf(ctx: RepoContext, clippingId: string): Promise<Highlight[]> {
  const list = await ctx.db.highlights.where('clippingId').equals(clippingId).toArray();
  return list.sort(
    (a, b) => a.position.start - b.position.start || a.position.end - b.position.end,
  );
}

export async function noteOf(ctx: RepoContext, clippingId: string): Promise<string> {
  return (await ctx.db.notes.get(clippingId))?.text ?? '';
}

export async function saveHighlight(ctx: RepoContext, highlight: Highlight): Promise<void> {
  await withHighlights(ctx, highlight.clippingId, async () => {
    await ctx.db.highlights.put(highlight);
  });
}

export async function deleteHighlight(
  ctx: RepoContext,
  id: string,
): Promise<Highlight | undefined> {
  const highlight = await ctx.db.highlights.get(id);
  if (!highlight) return undefined;
  await withHighlights(ctx, highlight.clippingId, async () => {
    await ctx.db.highlights.delete(id);
  });
  return highlight;
}

async function withHighlights(
  ctx: RepoContext,
  clippingId: string,
  write: () => Promise<void>,
): Promise<void> {
  const { db } = ctx;
  let summary: ClippingSummary | undefined;
  await db.transaction('rw', [db.highlights, db.summaries], async () => {
    await write();
    const count = await db.highlights.where('clippingId').equals(clippingId).count();
    summary = await db.summaries.get(clippingId);
    if (summary && summary.highlightCount !== count) {
      summary = { ...summary, highlightCount: count };
      await db.summaries.put(summary);
    }
  });
  if (summary) ctx.emit({ upserted: [summary], removed: [], tagsChanged: false });
}

export async function saveNote(ctx: RepoContext, clippingId: string, text: string): Promise<void> {
  const { db } = ctx;
  let summary: ClippingSummary | undefined;
  await db.transaction('rw', [db.notes, db.summaries], async () => {
    if (text.trim()) {
      await db.notes.put({
        clippingId,
        text,
        updatedAt: new Date().toISOString(),
      } satisfies ArticleNote);
    } else {
      await db.notes.delete(clippingId);
    }
    const current = await db.summaries.get(clippingId);
    const hasNote = text.trim() !== '';
    if (current && current.hasNote !== hasNote) {
      summary = { ...current, hasNote };
      await db.summaries.put(summary);
    }
  });
  if (summary) ctx.emit({ upserted: [summary], removed: [], tagsChanged: false });
}

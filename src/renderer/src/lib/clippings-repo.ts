/**
 * Edits of clippings: metadata and coverage, bulk edits of a selection, tags added and
 * removed, the Trash. Every edit is one transaction that rewrites the clippings with their
 * summaries and the maintained tag counts, and returns what undo needs.
 */
import { normalizeTag } from '@shared/annotations';
import * as v from 'valibot';
import { CoverageSchema, coverageOf, type Clipping, type Coverage } from '@shared/clipping';
import { summaryOf, type ClippingSummary } from './db';
import type { RepoContext } from './repo-context';
import { canonicalTags, dedupeTags, sameTags, TagCounter } from './tags-repo';

export type MetadataPatch = Partial<
  Pick<Clipping, 'title' | 'source' | 'section' | 'authors' | 'publishedAt' | 'url'>
> & {
  /** Only the coverage fields named change. */
  coverage?: Partial<Coverage>;
};

/** A bulk edit of a selection: coverage fields to set, tags to add and to remove. */
export interface BulkEdit {
  coverage?: Partial<Coverage>;
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

/** What a bulk edit changed, clipping by clipping, so undo can put it back exactly. */
export interface BulkSnapshot {
  clippings: { id: string; coverage: Coverage; tags: string[] }[];
}

const CoveragePatchSchema = v.partial(CoverageSchema);

/** Trims a coverage patch and checks it against the schema; throws a message for the user. */
export function cleanCoveragePatch(patch: Partial<Coverage>): Partial<Coverage> {
  const clean: Partial<Coverage> = { ...patch };
  for (const key of ['page', 'edition', 'reachSource'] as const) {
    const value = clean[key];
    if (value !== undefined) clean[key] = value.trim();
  }
  if (clean.entities) {
    const seen = new Set<string>();
    clean.entities = clean.entities
      .map((e) => e.trim().replace(/\s+/g, ' '))
      .filter((e) => e && !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
  }
  if (clean.reach !== undefined && clean.reach !== null) {
    if (!Number.isFinite(clean.reach) || clean.reach < 0 || !Number.isInteger(clean.reach))
      throw new Error('Reach must be a whole number of people, such as 25000.');
  }
  const parsed = v.safeParse(CoveragePatchSchema, clean);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new Error(
      `The ${v.getDotPath(issue) ?? 'coverage'} field is not valid: ${issue.message}`,
    );
  }
  return parsed.output;
}

/** Rewrites clippings with `edit` and keeps summaries and tag counts in step. */
async function rewrite(
  ctx: RepoContext,
  ids: readonly string[],
  edit: (clipping: Clipping) => Clipping | null,
): Promise<Clipping[]> {
  const { db } = ctx;
  const before: Clipping[] = [];
  const upserted: ClippingSummary[] = [];
  let tagsChanged = false;
  await db.transaction('rw', [db.clippings, db.summaries, db.tags], async () => {
    const clippings = await db.clippings.bulkGet([...ids]);
    const summaries = await db.summaries.bulkGet([...ids]);
    const counter = new TagCounter();
    const nextClippings: Clipping[] = [];
    const nextSummaries: ClippingSummary[] = [];
    clippings.forEach((clipping, index) => {
      if (!clipping) return;
      const next = edit(clipping);
      if (!next) return;
      before.push(clipping);
      if (!clipping.deletedAt) counter.add(clipping.tags, -1);
      if (!next.deletedAt) counter.add(next.tags, 1);
      const old = summaries[index];
      nextClippings.push(next);
      nextSummaries.push(summaryOf(next, old?.highlightCount ?? 0, old?.hasNote ?? false));
    });
    await db.clippings.bulkPut(nextClippings);
    await db.summaries.bulkPut(nextSummaries);
    upserted.push(...nextSummaries);
    tagsChanged = await counter.apply(db);
  });
  ctx.emit({ upserted, removed: [], tagsChanged });
  return before;
}

/** Returns the fields as they were, for undo. */
export async function updateMetadata(
  ctx: RepoContext,
  id: string,
  patch: MetadataPatch,
): Promise<MetadataPatch | null> {
  const clean: MetadataPatch = { ...patch };
  if (clean.title !== undefined) clean.title = clean.title.trim();
  if (clean.title === '') throw new Error('A clipping needs a title.');
  if (clean.authors) clean.authors = clean.authors.map((a) => a.trim()).filter(Boolean);
  if (clean.publishedAt && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?/.test(clean.publishedAt)) {
    throw new Error('The date must look like 2024-07-18 or 2024-07-18T09:30.');
  }
  if (clean.url && !/^https?:\/\//i.test(clean.url))
    throw new Error('The URL must start with http:// or https://.');
  const { coverage: rawCoverage, ...fields } = clean;
  const coverage = rawCoverage ? cleanCoveragePatch(rawCoverage) : undefined;
  const [before] = await rewrite(ctx, [id], (c) => ({
    ...c,
    ...fields,
    ...(coverage ? { coverage: { ...coverageOf(c), ...coverage } } : {}),
  }));
  if (!before) return null;
  const previous: MetadataPatch = {};
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    (previous as Record<string, unknown>)[key] = before[key];
  }
  if (coverage) {
    const old = coverageOf(before);
    previous.coverage = Object.fromEntries(
      Object.keys(coverage).map((key) => [key, old[key as keyof Coverage]]),
    ) as Partial<Coverage>;
  }
  return previous;
}

/**
 * Sets coverage fields and adds or removes tags on many clippings in one transaction.
 * Returns the clippings it changed as they were, for undo (null when nothing changed).
 */
export async function bulkEdit(
  ctx: RepoContext,
  ids: readonly string[],
  edit: BulkEdit,
): Promise<BulkSnapshot | null> {
  const coverage = edit.coverage ? cleanCoveragePatch(edit.coverage) : {};
  const canonical = await canonicalTags(ctx.db, edit.addTags ?? []);
  const adding = dedupeTags(
    (edit.addTags ?? [])
      .map(normalizeTag)
      .filter(Boolean)
      .map((t) => canonical.get(t.toLowerCase()) ?? t),
  );
  const removing = new Set((edit.removeTags ?? []).map((t) => normalizeTag(t).toLowerCase()));
  const keys = Object.keys(coverage) as (keyof Coverage)[];
  const before = await rewrite(ctx, ids, (c) => {
    const old = coverageOf(c);
    const next = { ...old, ...coverage };
    const tags = dedupeTags([...c.tags.filter((t) => !removing.has(t.toLowerCase())), ...adding]);
    const same =
      keys.every((k) => JSON.stringify(old[k]) === JSON.stringify(next[k])) &&
      sameTags(tags, c.tags);
    return same ? null : { ...c, coverage: next, tags };
  });
  if (before.length === 0) return null;
  return {
    clippings: before.map((c) => ({ id: c.id, coverage: coverageOf(c), tags: c.tags })),
  };
}

/** Puts back what a bulk edit changed (its undo). */
export async function restoreBulk(ctx: RepoContext, snapshot: BulkSnapshot): Promise<void> {
  const saved = new Map(snapshot.clippings.map((c) => [c.id, c]));
  const canonical = await canonicalTags(
    ctx.db,
    snapshot.clippings.flatMap((c) => c.tags),
  );
  await rewrite(ctx, [...saved.keys()], (c) => {
    const was = saved.get(c.id);
    if (!was) return null;
    const tags = dedupeTags(was.tags.map((t) => canonical.get(t.toLowerCase()) ?? t));
    return { ...c, coverage: was.coverage, tags };
  });
}

export async function trash(ctx: RepoContext, ids: readonly string[]): Promise<string[]> {
  const at = new Date().toISOString();
  const before = await rewrite(ctx, ids, (c) => (c.deletedAt ? null : { ...c, deletedAt: at }));
  return before.map((c) => c.id);
}

export async function restore(ctx: RepoContext, ids: readonly string[]): Promise<string[]> {
  const before = await rewrite(ctx, ids, (c) => (c.deletedAt ? { ...c, deletedAt: '' } : null));
  return before.map((c) => c.id);
}

/** Deletes trashed clippings for good, with everything that belongs to them. */
export async function emptyTrash(ctx: RepoContext): Promise<number> {
  const { db } = ctx;
  let removed: string[] = [];
  await db.transaction(
    'rw',
    [db.clippings, db.originals, db.summaries, db.highlights, db.notes],
    async () => {
      removed = (await db.summaries.where('deletedAt').above('').primaryKeys()) as string[];
      await db.clippings.bulkDelete(removed);
      await db.originals.bulkDelete(removed);
      await db.summaries.bulkDelete(removed);
      await db.notes.bulkDelete(removed);
      await db.highlights.where('clippingId').anyOf(removed).delete();
    },
  );
  ctx.emit({ upserted: [], removed, tagsChanged: false });
  return removed.length;
}

/** Adds and removes tags on clippings; returns the ids whose tags actually changed. */
export async function changeTags(
  ctx: RepoContext,
  ids: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): Promise<string[]> {
  const canonical = await canonicalTags(ctx.db, add);
  const adding = dedupeTags(
    add
      .map(normalizeTag)
      .filter(Boolean)
      .map((t) => canonical.get(t.toLowerCase()) ?? t),
  );
  const removing = new Set(remove.map((t) => normalizeTag(t).toLowerCase()));
  const before = await rewrite(ctx, ids, (c) => {
    const kept = c.tags.filter((t) => !removing.has(t.toLowerCase()));
    const next = dedupeTags([...kept, ...adding]);
    return sameTags(next, c.tags) ? null : { ...c, tags: next };
  });
  return before.map((c) => c.id);
}

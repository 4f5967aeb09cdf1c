/**
 * Stories in the window: which clippings share a story (loaded from IndexedDB, refreshed
 * when the stories worker changes them), the one-row-per-story list setting, and split with
 * undo. Grouping itself runs in the stories worker; the first start groups the library once.
 */
import type { StoryMemberRecord, ClippingSummary } from '../lib/db';
import { errorMessage } from '../lib/errors';
import type { LibraryChange, LibraryRepo } from '../lib/library-repo';
import { STORY_ENGINE_VERSION, type ChoiceChange } from '../lib/stories-store';
import { StoryRows } from '../lib/story-rows';
import type { StoriesClient } from '../stories/stories-client';
import type { StoryText } from '../stories/stories-protocol';
import type { NoticesState } from './notices.svelte';
import type { UndoState } from './undo.svelte';

/**
 * New clippings go to the worker at once when it is idle; those that come while it works are
 * gathered and handed over together when it answers. So the worker keeps up with an import
 * and the last batch is grouped right after it is stored: waiting for batches to pause (300
 * ms, at most 1 s) held back up to that long the last hand-over of every import, and the
 * work then came in bursts while the window was still storing.
 */
const RELOAD_PAGE = 2000;

/** New clippings by id (export items), with their text (imports), and clippings to regroup. */
function waitingWork(): {
  ids: Set<string>;
  docs: Map<string, StoryText>;
  regroup: Set<string>;
} {
  return { ids: new Set(), docs: new Map(), regroup: new Set() };
}

export class StoriesState {
  /**
   * Changed in place after an import batch, with `#version` bumped for readers: a copy of
   * the whole table per batch cost the window work that grew with the library.
   */
  #members = new Map<string, StoryMemberRecord>();
  #version = $state(0);
  storyRows = $state(false);
  /** Set while the library is being grouped for the first time. */
  grouping = $state.raw<{ done: number; total: number } | null>(null);

  /** Which clippings share a story (read it in a $derived or template to hear changes). */
  get members(): ReadonlyMap<string, StoryMemberRecord> {
    void this.#version;
    return this.#members;
  }

  readonly byStory = $derived.by(() => {
    const out = new Map<string, StoryMemberRecord[]>();
    for (const m of this.members.values()) {
      const list = out.get(m.story);
      if (list) list.push(m);
      else out.set(m.story, [m]);
    }
    return out;
  });

  readonly #repo: LibraryRepo;
  readonly #notices: NoticesState;
  readonly #undo: UndoState;
  readonly #client: StoriesClient;
  /** Each row's story, kept between filters and updated with what the worker changed. */
  #rows = new StoryRows(new Map());
  /** What waits for the worker: handed over whole, and replaced by an empty one. */
  #waiting = waitingWork();
  /** Clippings that left their story for the Trash: they rejoin when restored. */
  #trashed = new Set<string>();
  /** Whether a hand-over is with the worker (the next one waits for its answer). */
  #busy = false;
  #work: Promise<void> = Promise.resolve();

  constructor(repo: LibraryRepo, notices: NoticesState, undo: UndoState, client: StoriesClient) {
    this.#repo = repo;
    this.#notices = notices;
    this.#undo = undo;
    this.#client = client;
    client.onProgress = (done, total) => (this.grouping = { done, total });
  }

  /** Loads the stories; groups the library when it never was (or a restore replaced it). */
  async start({ listen = true }: { listen?: boolean } = {}): Promise<void> {
    if (listen) this.#repo.onChange((change) => this.#onChange(change));
    this.storyRows = (await this.#repo.settings.get('storyRows')) ?? false;
    await this.reload();
    if ((await this.#repo.settings.get('storySketches')) === STORY_ENGINE_VERSION) return;
    // The library was never grouped (an older library, or a restore): once, in the worker.
    this.grouping = { done: 0, total: 1 };
    try {
      await this.#client.regroupAll();
      await this.reload();
    } catch (error) {
      this.#fail('Grouping the library into stories failed', error);
    } finally {
      this.grouping = null;
    }
  }

  /**
   * Re-reads only the rows the worker changed: reading every story row after each import
   * batch would cost the window a read of the whole table per batch.
   */
  async #refresh(changed: readonly string[]): Promise<void> {
    if (changed.length === 0) return;
    const rows = await this.#repo.storyMembersOf(changed);
    const members = this.#members;
    changed.forEach((id, k) => {
      const row = rows[k];
      if (row) members.set(id, row);
      else members.delete(id);
    });
    this.#rows.update(members, changed);
    this.#version++;
    this.onreload(members, changed);
  }

  /**
   * Hears every new set of stories (search keeps its story filters up to date): `changed`
   * lists the only ids that differ from the last call, absent when all may have.
   */
  onreload: (members: ReadonlyMap<string, StoryMemberRecord>, changed?: readonly string[]) => void =
    () => undefined;

  async reload(): Promise<void> {
    const members = new Map<string, StoryMemberRecord>();
    for await (const page of this.#repo.storyMemberPages(RELOAD_PAGE))
      for (const r of page) members.set(r.id, r);
    this.#rows = new StoryRows(members);
    this.#members = members;
    this.#version++;
    this.onreload(members);
  }

  async setStoryRows(on: boolean): Promise<void> {
    this.storyRows = on;
    await this.#repo.settings.put('storyRows', on);
  }

  /** Copies other than `id` in its story, the original first. */
  copiesOf(id: string): StoryMemberRecord[] {
    const row = this.members.get(id);
    if (!row) return [];
    return (this.byStory.get(row.story) ?? [])
      .filter((m) => m.id !== id)
      .sort((a, b) => (a.id === a.story ? -1 : b.id === b.story ? 1 : b.similarity - a.similarity));
  }

  /** One row per story (see collapseStories). */
  collapse(rows: readonly ClippingSummary[]): ClippingSummary[] {
    // Read for the callers' $derived: a new set of stories collapses again.
    if (this.members.size === 0) return rows as ClippingSummary[];
    return this.#rows.collapse(rows);
  }

  async split(id: string, title: string): Promise<void> {
    try {
      const { change } = await this.#client.split(id);
      await this.reload();
      this.#undo.record(`Split “${title}” out of its story`, async () => {
        await this.#client.undo(change);
        await this.reload();
      });
    } catch (error) {
      this.#fail('Could not split the copy out', error);
    }
  }

  /** Joins the stories of `ids` into one, for good, with undo. */
  async merge(ids: readonly string[]): Promise<void> {
    const [first, ...rest] = ids;
    if (!first || rest.length === 0) return;
    const changes: ChoiceChange[] = [];
    try {
      for (const id of rest) changes.push((await this.#client.merge(first, id)).change);
      await this.reload();
      this.#undo.record(`Merged ${ids.length} clippings into one story`, async () => {
        for (const change of changes.reverse()) await this.#client.undo(change);
        await this.reload();
      });
    } catch (error) {
      this.#fail('Could not merge the stories', error);
    }
  }

  /** The clipping and every copy in its story. */
  storyIds(id: string): string[] {
    return [id, ...this.copiesOf(id).map((m) => m.id)];
  }

  #onChange(change: LibraryChange): void {
    const added = new Set([...(change.added?.map((c) => c.id) ?? []), ...(change.imported ?? [])]);
    // An import's clippings are in memory: the worker gets their text and reads nothing.
    for (const c of change.added ?? []) {
      const { id, source, publishedAt, language, paragraphs } = c;
      this.#waiting.docs.set(id, { id, source, publishedAt, language, paragraphs });
    }
    for (const id of change.imported ?? []) this.#waiting.ids.add(id);
    for (const s of change.upserted) {
      if (added.has(s.id)) continue;
      if (s.deletedAt !== '' && this.members.has(s.id)) {
        this.#trashed.add(s.id);
        this.#waiting.regroup.add(s.id);
      } else if (s.deletedAt === '' && this.#trashed.delete(s.id)) this.#waiting.regroup.add(s.id);
    }
    for (const id of change.removed) if (this.members.has(id)) this.#waiting.regroup.add(id);
    this.#handOver();
  }

  /** Hands what is waiting to the worker, unless it is busy (then when it answers). */
  #handOver(): void {
    const waiting = this.#waiting;
    if (this.#busy || waiting.ids.size + waiting.docs.size + waiting.regroup.size === 0) return;
    this.#waiting = waitingWork();
    const ids = [...waiting.ids];
    const docs = [...waiting.docs.values()];
    const regroup = [...waiting.regroup];
    this.#busy = true;
    this.#work = this.#work
      .then(async () => {
        const changed: string[] = [];
        if (docs.length) changed.push(...(await this.#client.addedDocs(docs)).changed);
        if (ids.length) changed.push(...(await this.#client.added(ids)).changed);
        if (regroup.length) changed.push(...(await this.#client.regroup(regroup)).changed);
        await this.#refresh(changed);
      })
      .catch((error: unknown) => this.#fail('Grouping new clippings into stories failed', error))
      .finally(() => {
        this.#busy = false;
        this.#handOver();
      });
  }

  /** Waits for grouping that is under way (tests, and before a backup). */
  async settled(): Promise<void> {
    // Each answer may hand over what came meanwhile, which extends the chain.
    let work: Promise<void>;
    do {
      work = this.#work;
      await work;
    } while (work !== this.#work);
  }

  #fail(what: string, error: unknown): void {
    this.#notices.push('error', `${what}: ${errorMessage(error)}`);
  }
}

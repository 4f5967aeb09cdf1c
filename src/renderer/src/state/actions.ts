import { normalizeTag } from '@shared/annotations';
import type { BulkEdit, LibraryRepo, MetadataPatch } from '../lib/library-repo';
import type { LibraryState } from './library.svelte';
import type { NoticesState } from './notices.svelte';
import type { SelectionState } from './selection.svelte';
import type { UndoState } from './undo.svelte';
import { describeWriteError, errorMessage } from '../lib/errors';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What the user can do to the library. Every destructive action records its undo; every
 * failure is told in the window.
 */
export class LibraryActions {
  readonly #repo: LibraryRepo;
  readonly #library: LibraryState;
  readonly #selection: SelectionState;
  readonly #undo: UndoState;
  readonly #notices: NoticesState;

  constructor(
    repo: LibraryRepo,
    library: LibraryState,
    selection: SelectionState,
    undo: UndoState,
    notices: NoticesState,
  ) {
    this.#repo = repo;
    this.#library = library;
    this.#selection = selection;
    this.#undo = undo;
    this.#notices = notices;
  }

  async #guard<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      this.#notices.push('error', `${what}: ${describeWriteError(error)}`);
      return undefined;
    }
  }

  async trash(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // Move the reader on to the next clipping, as mail apps do.
    const visible = this.#library.visible;
    const after = visible.find(
      (s, i) => i > visible.findIndex((v) => v.id === ids.at(-1)) && !ids.includes(s.id),
    );
    const moved = await this.#guard('Could not move to the Trash', () => this.#repo.trash(ids));
    if (!moved?.length) return;
    await this.#selection.select(after?.id ?? null);
    this.#undo.record(`Moved ${count(moved.length, 'clipping')} to the Trash`, async () => {
      await this.#repo.restore(moved);
    });
  }

  async restore(ids: readonly string[]): Promise<void> {
    const restored = await this.#guard('Could not restore', () => this.#repo.restore(ids));
    if (!restored?.length) return;
    await this.#selection.select(null);
    this.#undo.record(`Restored ${count(restored.length, 'clipping')}`, async () => {
      await this.#repo.trash(restored);
    });
  }

  async emptyTrash(): Promise<void> {
    const removed = await this.#guard('Could not empty the Trash', () => this.#repo.emptyTrash());
    if (removed !== undefined)
      this.#notices.push('info', `Deleted ${count(removed, 'clipping')} for good.`);
  }

  async addTag(ids: readonly string[], tag: string): Promise<void> {
    const name = normalizeTag(tag);
    if (!name || ids.length === 0) return;
    await this.#guard('Could not add the tag', () => this.#repo.changeTags(ids, [name], []));
  }

  async removeTag(ids: readonly string[], tag: string): Promise<void> {
    const changed = await this.#guard('Could not remove the tag', () =>
      this.#repo.changeTags(ids, [], [tag]),
    );
    if (changed?.length) {
      this.#undo.record(`Removed tag “${tag}”`, async () => {
        await this.#repo.changeTags(changed, [tag], []);
      });
    }
  }

  /** Returns an error message for the dialog, or null when done. */
  async renameTag(from: string, to: string): Promise<string | null> {
    const target = normalizeTag(to);
    if (!target) return 'A tag needs a name.';
    if (target.toLowerCase() === from.toLowerCase() && target === from) return null;
    const merging = this.#library.tags.some(
      (t) => t.key === target.toLowerCase() && t.key !== from.toLowerCase(),
    );
    try {
      const snapshot = await this.#repo.renameTag(from, target);
      this.#renameFilter(from, target);
      this.#undo.record(
        merging ? `Merged “${from}” into “${target}”` : `Renamed “${from}” to “${target}”`,
        async () => {
          await this.#repo.restoreTags(snapshot);
          this.#renameFilter(target, from);
        },
      );
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  async deleteTag(name: string): Promise<void> {
    const snapshot = await this.#guard('Could not delete the tag', () =>
      this.#repo.deleteTag(name),
    );
    if (!snapshot) return;
    this.#library.setFilters({
      tags: this.#library.filters.tags.filter((t) => t.toLowerCase() !== name.toLowerCase()),
    });
    this.#undo.record(
      `Deleted tag “${name}” from ${count(snapshot.clippings.length, 'clipping')}`,
      async () => {
        await this.#repo.restoreTags(snapshot);
      },
    );
  }

  async setTagColor(name: string, color: string): Promise<void> {
    await this.#guard('Could not change the colour', () => this.#repo.setTagColor(name, color));
  }

  async updateMetadata(id: string, patch: MetadataPatch): Promise<string | null> {
    try {
      const previous = await this.#repo.updateMetadata(id, patch);
      if (previous) {
        this.#undo.record('Details edited', async () => {
          await this.#repo.updateMetadata(id, previous);
        });
      }
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  /** Sets coverage and adds/removes tags on a selection; returns an error for the dialog. */
  async bulkEdit(ids: readonly string[], edit: BulkEdit): Promise<string | null> {
    try {
      const snapshot = await this.#repo.bulkEdit(ids, edit);
      if (!snapshot) {
        this.#notices.push('info', 'Nothing changed: the clippings already had these values.');
        return null;
      }
      this.#undo.record(`Edited ${count(snapshot.clippings.length, 'clipping')}`, async () => {
        await this.#repo.restoreBulk(snapshot);
      });
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  /** Returns an error message for the dialog, or null when done. */
  async setTagDescription(name: string, description: string): Promise<string | null> {
    try {
      const previous = await this.#repo.setTagDescription(name, description);
      if (previous !== null && previous !== description.trim()) {
        this.#undo.record(`Description of “${name}” changed`, async () => {
          await this.#repo.setTagDescription(name, previous);
        });
      }
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  #renameFilter(from: string, to: string): void {
    const tags = this.#library.filters.tags.map((t) =>
      t.toLowerCase() === from.toLowerCase() ? to : t,
    );
    this.#library.setFilters({ tags });
  }
}

import type { ClipbookApi } from '@shared/clipbook-api';
import { parseClipbookExport } from '@shared/export/json';
import type { SaveTarget } from '@shared/ipc';
import {
  BACKUP_EXTENSION,
  verifyBackup,
  type RestoreMode,
  type VerifiedBackup,
} from '../lib/backup';
import { errorMessage } from '../lib/errors';
import { readAll, streamOf } from '../lib/file-source';
import type { LibraryRepo } from '../lib/library-repo';
import type { SettingValue } from '../lib/settings';
import type { LibraryState } from './library.svelte';
import type { NoticesState } from './notices.svelte';

const AUTO_EVERY_MS = 7 * 24 * 60 * 60 * 1000;
const AUTO_KEEP = 5;

/** Backups (by hand and weekly), restores that ask first, and Clipbook JSON imports. */
export class BackupsState {
  busy = $state('');
  /** The backup or restore under way, for its progress line. */
  progress = $state.raw<{ label: string; done: number; total: number } | null>(null);
  /** A verified backup waiting for the user to choose merge or replace. */
  pending = $state.raw<{ name: string; backup: VerifiedBackup } | null>(null);
  auto = $state<SettingValue<'autoBackup'>>({ enabled: true, lastAt: '' });
  readonly #api: ClipbookApi;
  readonly #repo: LibraryRepo;
  readonly #library: LibraryState;
  readonly #notices: NoticesState;

  constructor(api: ClipbookApi, repo: LibraryRepo, library: LibraryState, notices: NoticesState) {
    this.#api = api;
    this.#repo = repo;
    this.#library = library;
    this.#notices = notices;
  }

  async #run<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    this.busy = label;
    try {
      return await work();
    } catch (error) {
      this.#notices.push('error', `${label} failed: ${errorMessage(error)}`);
      return undefined;
    } finally {
      this.busy = '';
    }
  }

  /**
   * Makes a backup into `target`, streamed to main as it is made (a library's backup can be
   * gigabytes: it never sits whole in the window, nor in one IPC message), keeping `progress`
   * current while it runs. null when the user cancelled the save dialog.
   */
  async #create(target: SaveTarget): Promise<{ path: string; bytes: number } | null> {
    const opened = await this.#api.saveFile(target);
    if (!opened.ok) throw new Error(opened.error.message);
    const sink = opened.value;
    if (!sink) return null;
    try {
      await this.#repo.writeBackup(
        (chunk) => sink.write(chunk),
        new Date(),
        (done, total) => {
          this.progress = { label: 'Backing up the library', done, total };
        },
      );
      return await sink.finish();
    } catch (error) {
      await sink.abort().catch(() => undefined);
      throw error;
    } finally {
      this.progress = null;
    }
  }

  async backupNow(): Promise<void> {
    await this.#run('Backup', async () => {
      const date = new Date().toISOString().slice(0, 10);
      const saved = await this.#create({
        to: 'choose',
        suggestedName: `Clipbook backup ${date}.${BACKUP_EXTENSION}`,
      });
      if (!saved) return;
      this.#notices.push('info', `Backup saved (${formatBytes(saved.bytes)}).`, {
        label: 'Show in folder',
        run: async () => void (await this.#api.showInFolder(saved.path)),
      });
    });
  }

  /** Opens a backup and verifies it; the user then picks merge or replace. */
  async chooseRestore(): Promise<void> {
    await this.#run('Reading the backup', async () => {
      const opened = await this.#api.openFile('backup');
      if (!opened.ok) throw new Error(opened.error.message);
      const source = opened.value;
      if (!source) return;
      const verified = await verifyBackup(streamOf(source)).finally(() => source.close());
      if (!verified.ok) {
        this.#notices.push('error', `${source.name}: ${verified.error}`);
        return;
      }
      this.pending = { name: source.name, backup: verified.backup };
    });
  }

  async restore(mode: RestoreMode): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    await this.#run('Restore', async () => {
      if (mode === 'replace') {
        // A safety copy of what is about to be replaced, in the automatic backups folder.
        try {
          await this.#create({ to: 'auto-backup', keep: AUTO_KEEP + 1 });
        } catch (error) {
          throw new Error(
            `no safety copy could be written (${errorMessage(error)}); nothing was changed`,
            { cause: error },
          );
        }
      }
      const { added } = await this.#repo
        .restoreBackup(pending.backup, mode, (done, total) => {
          this.progress = { label: 'Restoring the library', done, total };
        })
        .finally(() => {
          this.progress = null;
        });
      await this.#library.reload();
      this.onrestored();
      this.#notices.push(
        'info',
        mode === 'replace'
          ? `Restored ${pending.backup.counts.clippings} clippings from ${pending.name}.`
          : `Added ${added} clippings from ${pending.name}; the rest were already in the library.`,
      );
    });
  }

  /** Hears a finished restore (the stories are grouped again from the restored choices). */
  onrestored: () => void = () => undefined;

  cancelRestore(): void {
    this.pending = null;
  }

  async importJson(): Promise<void> {
    await this.#run('Import', async () => {
      const opened = await this.#api.openFile('clipbook-json');
      if (!opened.ok) throw new Error(opened.error.message);
      const source = opened.value;
      if (!source) return;
      const text = new TextDecoder().decode(await readAll(source).finally(() => source.close()));
      const parsed = parseClipbookExport(text);
      if (!parsed.ok) {
        this.#notices.push('error', `${source.name}: ${parsed.error}`);
        return;
      }
      const { added, duplicates } = await this.#repo.importExportItems(parsed.items);
      this.#notices.push(
        'info',
        `Imported ${added.length} clippings from ${source.name}` +
          (duplicates.length ? `; ${duplicates.length} were already in the library.` : '.'),
      );
    });
  }

  /** Weekly automatic backup into the app's data folder, keeping the last few. */
  async maybeAutoBackup(now = new Date()): Promise<void> {
    const saved = await this.#repo.settings.get('autoBackup');
    if (saved) this.auto = saved;
    if (!this.auto.enabled || this.#library.counts.library + this.#library.counts.trash === 0)
      return;
    const last = Date.parse(this.auto.lastAt);
    if (Number.isFinite(last) && now.getTime() - last < AUTO_EVERY_MS) return;
    try {
      await this.#create({ to: 'auto-backup', keep: AUTO_KEEP });
    } catch (error) {
      this.#notices.push('error', `The weekly backup could not be written: ${errorMessage(error)}`);
      return;
    }
    this.auto = { ...this.auto, lastAt: now.toISOString() };
    await this.#repo.settings.put('autoBackup', $state.snapshot(this.auto));
  }

  async setAuto(enabled: boolean): Promise<void> {
    this.auto = { ...this.auto, enabled };
    await this.#repo.settings.put('autoBackup', $state.snapshot(this.auto));
  }
}

function formatBytes(n: number): string {
  return n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} KB`
    : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

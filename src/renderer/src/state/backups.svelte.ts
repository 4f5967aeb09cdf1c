import type { ClipbookApi } from '@shared/clipbook-api';
import { parseClipbookExport } from '@shared/export/json';
import {
  BACKUP_EXTENSION,
  createBackup,
  restoreBackup,
  verifyBackup,
  type RestoreMode,
  type VerifiedBackup,
} from '../lib/backup';
import type { LibraryRepo } from '../lib/library-repo';
import type { LibraryState } from './library.svelte';
import type { NoticesState } from './notices.svelte';

const AUTO_EVERY_MS = 7 * 24 * 60 * 60 * 1000;
const AUTO_KEEP = 5;

interface AutoBackupSetting {
  enabled: boolean;
  lastAt: string;
}

/** Backups (by hand and weekly), restores that ask first, and Clipbook JSON imports. */
export class BackupsState {
  busy = $state('');
  /** The backup or restore under way, for its progress line. */
  progress = $state.raw<{ label: string; done: number; total: number } | null>(null);
  /** A verified backup waiting for the user to choose merge or replace. */
  pending = $state.raw<{ name: string; backup: VerifiedBackup } | null>(null);
  auto = $state<AutoBackupSetting>({ enabled: true, lastAt: '' });
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
      this.#notices.push(
        'error',
        `${label} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    } finally {
      this.busy = '';
    }
  }

  /** Makes a backup, keeping `progress` current while it runs. */
  async #create(): Promise<Uint8Array> {
    try {
      return await createBackup(this.#repo.db, new Date(), (done, total) => {
        this.progress = { label: 'Backing up the library', done, total };
      });
    } finally {
      this.progress = null;
    }
  }

  async backupNow(): Promise<void> {
    await this.#run('Backup', async () => {
      const bytes = await this.#create();
      const date = new Date().toISOString().slice(0, 10);
      const result = await this.#api.saveExport({
        target: 'file',
        suggestedName: `Clipbook backup ${date}.${BACKUP_EXTENSION}`,
        files: [
          {
            name: `Clipbook backup ${date}.${BACKUP_EXTENSION}`,
            data: bytes,
            mediaType: 'application/gzip',
          },
        ],
      });
      if (!result.ok) throw new Error(result.error.message);
      const path = result.value?.paths[0];
      if (!path) return;
      this.#notices.push('info', `Backup saved (${formatBytes(bytes.length)}).`, {
        label: 'Show in folder',
        run: async () => void (await this.#api.showInFolder(path)),
      });
    });
  }

  /** Opens a backup and verifies it; the user then picks merge or replace. */
  async chooseRestore(): Promise<void> {
    await this.#run('Reading the backup', async () => {
      const opened = await this.#api.openFile('backup');
      if (!opened.ok) throw new Error(opened.error.message);
      if (!opened.value) return;
      const verified = await verifyBackup(opened.value.bytes);
      if (!verified.ok) {
        this.#notices.push('error', `${opened.value.name}: ${verified.error}`);
        return;
      }
      this.pending = { name: opened.value.name, backup: verified.backup };
    });
  }

  async restore(mode: RestoreMode): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    await this.#run('Restore', async () => {
      if (mode === 'replace') {
        // A safety copy of what is about to be replaced, in the automatic backups folder.
        const safety = await this.#api.writeAutoBackup(await this.#create(), AUTO_KEEP + 1);
        if (!safety.ok)
          throw new Error(
            `no safety copy could be written (${safety.error.message}); nothing was changed`,
          );
      }
      const { added } = await restoreBackup(this.#repo.db, pending.backup, mode, (done, total) => {
        this.progress = { label: 'Restoring the library', done, total };
      }).finally(() => {
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
      if (!opened.value) return;
      const text = new TextDecoder().decode(opened.value.bytes);
      const parsed = parseClipbookExport(text);
      if (!parsed.ok) {
        this.#notices.push('error', `${opened.value.name}: ${parsed.error}`);
        return;
      }
      const { added, duplicates } = await this.#repo.importExportItems(parsed.items);
      this.#notices.push(
        'info',
        `Imported ${added.length} clippings from ${opened.value.name}` +
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
    const result = await this.#api.writeAutoBackup(await this.#create(), AUTO_KEEP);
    if (!result.ok) {
      this.#notices.push(
        'error',
        `The weekly backup could not be written: ${result.error.message}`,
      );
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

import type { ClipbookApi } from '@shared/clipbook-api';
import { DATABASE_NAMES, type ExportDatabase } from '@shared/clipping';
import type { ImportEvent, ImportItem, ImportOrigin } from '@shared/ipc';
import { errorMessage, isQuotaError } from '../lib/errors';
import { baseName } from '../lib/format';
import type { DraftToStore, LibraryRepo } from '../lib/library-repo';
import type { NoticesState } from './notices.svelte';

export type ReportStatus = 'imported' | 'duplicate' | 'refused';

export interface ReportEntry {
  path: string;
  name: string;
  status: ReportStatus;
  /** For refusals: the engine's code, or 'not-saved' when storing failed. */
  code: string;
  message: string;
  /** What the user should know about an imported file, e.g. a guessed encoding. */
  detail?: string;
  clippingId?: string;
  /** For an article of a database export: its position, the article count, the database. */
  part?: number;
  parts?: number;
  database?: ExportDatabase;
}

/** One file's line in the report: a single article, or an export and its articles. */
export interface ReportFile {
  path: string;
  name: string;
  /** Set for database exports. */
  database?: ExportDatabase;
  entries: ReportEntry[];
  imported: number;
  duplicates: number;
  refused: number;
}

/** Groups the report by file, in arrival order; an export's articles in file order. */
export function reportFiles(entries: readonly ReportEntry[]): ReportFile[] {
  const files = new Map<string, ReportFile>();
  for (const entry of entries) {
    let file = files.get(entry.path);
    if (!file) {
      file = {
        path: entry.path,
        name: entry.name,
        entries: [],
        imported: 0,
        duplicates: 0,
        refused: 0,
        ...(entry.database ? { database: entry.database } : {}),
      };
      files.set(entry.path, file);
    }
    file.entries.push(entry);
    if (entry.status === 'imported') file.imported += 1;
    else if (entry.status === 'duplicate') file.duplicates += 1;
    else file.refused += 1;
  }
  for (const file of files.values()) file.entries.sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
  return [...files.values()];
}

/** "nexis-2024-05.docx → 57 clippings (3 duplicates)" for an export. */
export function exportSummary(file: ReportFile): string {
  const n = file.imported;
  const extra = [
    file.duplicates ? `${file.duplicates} duplicate${file.duplicates === 1 ? '' : 's'}` : '',
    file.refused ? `${file.refused} not imported` : '',
  ].filter(Boolean);
  return `${file.name} → ${n} clipping${n === 1 ? '' : 's'}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export class ImportJob {
  readonly jobId: string;
  readonly origin: ImportOrigin;
  readonly startedAt = Date.now();
  done = $state(0);
  found = $state(0);
  /** Articles read so far (an export counts each of its articles). */
  articles = $state(0);
  scanning = $state(true);
  current = $state('');
  finished = $state(false);
  cancelled = $state(false);
  failure = $state('');
  entries = $state.raw<ReportEntry[]>([]);
  imported = $derived(this.entries.filter((e) => e.status === 'imported').length);
  duplicates = $derived(this.entries.filter((e) => e.status === 'duplicate').length);
  refused = $derived(this.entries.filter((e) => e.status === 'refused').length);

  constructor(jobId: string, origin: ImportOrigin) {
    this.jobId = jobId;
    this.origin = origin;
  }
}

/**
 * Follows import jobs run by the main process: stores each batch of drafts as it arrives
 * and keeps the report. Events are applied strictly in order, one at a time, so 'finished'
 * is only seen after every batch before it has been stored.
 */
export class ImportsState {
  jobs = $state<ImportJob[]>([]);
  /** The job whose report is open, if any. */
  reportJobId = $state<string | null>(null);
  active = $derived(this.jobs.find((job) => !job.finished) ?? null);
  latest = $derived(this.jobs.at(-1) ?? null);
  reportJob = $derived(this.jobs.find((job) => job.jobId === this.reportJobId) ?? null);

  readonly #api: ClipbookApi;
  readonly #repo: LibraryRepo;
  readonly #notices: NoticesState;
  #chain: Promise<void> = Promise.resolve();

  constructor(api: ClipbookApi, repo: LibraryRepo, notices: NoticesState) {
    this.#api = api;
    this.#repo = repo;
    this.#notices = notices;
  }

  /** Subscribes to the main process's import events; returns the unsubscribe function. */
  listen(): () => void {
    return this.#api.onImportEvent((event) => {
      this.#chain = this.#chain
        .then(() => this.#apply(event))
        .catch((error: unknown) => {
          this.#notices.push('error', `Import failed: ${errorMessage(error)}`);
        });
    });
  }

  /** Resolves once every event received so far has been applied (used by tests and the UI). */
  settled(): Promise<void> {
    return this.#chain;
  }

  async importPaths(paths: string[], origin: ImportOrigin): Promise<void> {
    const usable = paths.filter((p) => p !== '');
    if (usable.length === 0) {
      this.#notices.push('error', 'Nothing to import: drop files or folders from your computer.');
      return;
    }
    const result = await this.#api.importPaths(usable, origin);
    if (!result.ok) this.#notices.push('error', `Import could not start: ${result.error.message}`);
  }

  async choose(kind: 'files' | 'folder'): Promise<void> {
    const result = await this.#api.chooseAndImport(kind);
    if (!result.ok) this.#notices.push('error', `Import could not start: ${result.error.message}`);
  }

  async cancel(jobId: string): Promise<void> {
    const result = await this.#api.cancelImport(jobId);
    if (!result.ok)
      this.#notices.push('error', `The import could not be cancelled: ${result.error.message}`);
  }

  openReport(jobId: string | null): void {
    this.reportJobId = jobId;
  }

  #job(jobId: string, origin: ImportOrigin = 'launch'): ImportJob {
    let job = this.jobs.find((j) => j.jobId === jobId);
    if (!job) {
      job = new ImportJob(jobId, origin);
      this.jobs.push(job);
      // Keep the last few reports; older ones are of no use and hold memory.
      if (this.jobs.length > 10) this.jobs.shift();
    }
    return job;
  }

  async #apply(event: ImportEvent): Promise<void> {
    switch (event.type) {
      case 'started':
        this.#job(event.jobId, event.origin);
        return;
      case 'progress': {
        const job = this.#job(event.jobId);
        job.done = event.done;
        job.found = event.found;
        job.articles = event.articles;
        job.scanning = event.scanning;
        job.current = event.current;
        return;
      }
      case 'items':
        await this.#store(this.#job(event.jobId), event.items);
        return;
      case 'finished': {
        const job = this.#job(event.jobId);
        job.finished = true;
        job.scanning = false;
        job.cancelled = event.cancelled;
        job.failure = event.failure ?? '';
        if (job.failure) this.#notices.push('error', `The import stopped: ${job.failure}`);
        this.#announce(job);
        return;
      }
    }
  }

  async #store(job: ImportJob, items: readonly ImportItem[]): Promise<void> {
    const entries: ReportEntry[] = [];
    const drafts: (DraftToStore & { where: Partial<ReportEntry> })[] = [];
    for (const item of items) {
      const where: Partial<ReportEntry> = item.part
        ? { part: item.part.part, parts: item.part.parts, database: item.part.database }
        : {};
      const name = baseName(item.path);
      if (item.outcome.ok && item.part?.duplicateOf) {
        // The export itself holds this article twice: the first copy is the one kept.
        entries.push({
          path: item.path,
          name,
          status: 'duplicate',
          code: 'duplicate',
          message: `“${item.outcome.draft.title}” repeats article ${item.part.duplicateOf} of this export.`,
          ...where,
        });
      } else if (item.outcome.ok) {
        drafts.push({
          path: item.path,
          draft: item.outcome.draft,
          bytes: item.outcome.bytes,
          where,
        });
      } else {
        entries.push({
          path: item.path,
          name,
          status: 'refused',
          code: item.outcome.error.code,
          message: item.outcome.error.message,
          ...where,
        });
      }
    }
    try {
      const result = await this.#repo.storeDrafts(drafts);
      const stored = new Map(result.stored.map((r) => [r.index, r]));
      const duplicates = new Map(result.duplicates.map((r) => [r.index, r]));
      drafts.forEach((draft, index) => {
        const notes = draft.draft.warnings;
        const kept = stored.get(index);
        if (kept) {
          entries.push({
            path: draft.path,
            name: baseName(draft.path),
            status: 'imported',
            code: '',
            message: kept.title,
            ...(notes.length ? { detail: notes.join(' ') } : {}),
            clippingId: kept.id,
            ...draft.where,
          });
          return;
        }
        const dup = duplicates.get(index);
        if (!dup) return;
        entries.push({
          path: dup.path,
          name: baseName(dup.path),
          status: 'duplicate',
          code: 'duplicate',
          message: draft.where.part
            ? `“${draft.draft.title}” is already in the library as “${dup.existingTitle}”.`
            : `Already in the library as “${dup.existingTitle}”.`,
          clippingId: dup.existingId,
          ...draft.where,
        });
      });
    } catch (error) {
      const reason = isQuotaError(error)
        ? 'There is not enough disk space to save it; free some space and import again.'
        : `It could not be saved: ${errorMessage(error)}`;
      for (const draft of drafts) {
        entries.push({
          path: draft.path,
          name: baseName(draft.path),
          status: 'refused',
          code: 'not-saved',
          message: reason,
          ...draft.where,
        });
      }
      this.#notices.push('error', reason);
    }
    job.entries = [...job.entries, ...entries];
  }

  #announce(job: ImportJob): void {
    // A single refused file says why right away; larger jobs summarise and offer the report.
    if (job.entries.length === 1 && job.refused === 1) {
      const entry = job.entries[0];
      if (entry) this.#notices.push('error', `${entry.name}: ${entry.message}`);
    } else if (job.refused > 0) {
      const articles = job.entries.some((e) => e.part);
      this.#notices.push(
        'error',
        `${job.refused} of ${job.entries.length} ${articles ? 'articles' : 'files'} could not be imported. See the import report.`,
      );
    }
    const exports = reportFiles(job.entries).filter((file) => file.database);
    if (exports.length > 3) {
      // Many exports at once: one line, the report has the rest.
      const clippings = exports.reduce((n, file) => n + file.imported, 0);
      const duplicates = exports.reduce((n, file) => n + file.duplicates, 0);
      this.#notices.push(
        'info',
        `${exports.length} database exports → ${clippings.toLocaleString()} clippings${duplicates ? ` (${duplicates.toLocaleString()} duplicates)` : ''}. See the import report.`,
      );
      return;
    }
    for (const file of exports) {
      if (file.database)
        this.#notices.push('info', `${exportSummary(file)} from ${DATABASE_NAMES[file.database]}.`);
    }
  }
}

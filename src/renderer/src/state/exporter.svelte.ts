import type { ClipbookApi } from '@shared/clipbook-api';
import { EXPORT_FORMAT_LIST, exportItems } from '@shared/export';
import { clipBookHtml } from '@shared/export/clip-book';
import type { ExportFormat } from '@shared/export/formats';
import type { ExportItem, ExportOptions } from '@shared/export/types';
import { exportReportHtml } from '@shared/export/report-html';
import { defaultReportSettings, type ReportSettings } from '@shared/export/report-options';
import { errorMessage } from '../lib/errors';
import type { LibraryRepo } from '../lib/library-repo';
import { rasteriseSvg } from '../lib/rasterise-svg';
import type { NoticesState } from './notices.svelte';

/** What the user can export: every format of the registry that has a label for people. */
export const EXPORT_CHOICES = EXPORT_FORMAT_LIST.flatMap((f) =>
  'label' in f
    ? [
        {
          id: f.id,
          label: f.label,
          output: f.output,
          clipBook: 'clipBook' in f,
          report: 'report' in f,
        },
      ]
    : [],
);
export type ExportChoice = (typeof EXPORT_CHOICES)[number]['id'];

export type ExportScope = 'selection' | 'filter' | 'tag' | 'library';

export interface ExportSettings {
  choice: ExportChoice;
  includeBody: boolean;
  /** Clip books: one entry per story, with "Also in: …" its other outlets. */
  onePerStory: boolean;
  title: string;
  subtitle: string;
  /** Report clip books: summary, contents, grouping, body. */
  report: ReportSettings;
}

const LOAD_CHUNK = 200;

export class ExportRun {
  total = $state(0);
  loaded = $state(0);
  phase = $state<'loading' | 'formatting' | 'saving' | 'done' | 'cancelled' | 'failed'>('loading');
  message = $state('');
  result = $state.raw<{ folder: string; paths: string[] } | null>(null);
  readonly controller = new AbortController();
}

/** Runs exports: loads clippings with their highlights and notes, formats, and saves. */
export class ExporterState {
  settings = $state<ExportSettings>({
    choice: 'pdf',
    includeBody: true,
    onePerStory: false,
    title: 'Clip book',
    subtitle: '',
    report: defaultReportSettings(),
  });
  run = $state.raw<ExportRun | null>(null);
  readonly #api: ClipbookApi;
  readonly #repo: LibraryRepo;
  readonly #notices: NoticesState;

  constructor(api: ClipbookApi, repo: LibraryRepo, notices: NoticesState) {
    this.#api = api;
    this.#repo = repo;
    this.#notices = notices;
  }

  /** The last choice is remembered across sessions. */
  async loadSettings(): Promise<void> {
    const saved = await this.#repo.settings.get('export');
    if (saved)
      this.settings = {
        ...this.settings,
        ...saved,
        report: saved.report ?? defaultReportSettings(),
      };
  }

  async start(ids: readonly string[], label: string): Promise<void> {
    const run = new ExportRun();
    run.total = ids.length;
    this.run = run;
    const settings = $state.snapshot(this.settings);
    await this.#repo.settings.put('export', settings).catch(() => undefined);
    try {
      const items = await this.#load(ids, run);
      if (run.controller.signal.aborted) return this.#cancelled(run);
      run.phase = 'formatting';
      const options: ExportOptions = {
        title: settings.title.trim() || label,
        ...(settings.subtitle.trim() ? { subtitle: settings.subtitle.trim() } : {}),
        includeBody: settings.includeBody,
        onePerStory: settings.onePerStory,
        generatedAt: new Date().toISOString(),
        ...(await this.#codebook()),
        report: settings.report,
        locale: navigator.language || 'en-GB',
        chartDocument: document,
        rasterise: rasteriseSvg,
      };
      const base = safeBase(options.title ?? label);
      let saved: { folder: string; paths: string[] } | null;
      if (settings.choice === 'pdf' || settings.choice === 'report-pdf') {
        const html =
          settings.choice === 'pdf'
            ? clipBookHtml(items, options)
            : (exportReportHtml(items, options)[0]?.data as string);
        run.phase = 'saving';
        saved = unwrap(await this.#api.exportPdf(html, `${base}.pdf`));
      } else {
        const files = await exportItems(settings.choice, items, options);
        if (run.controller.signal.aborted) return this.#cancelled(run);
        run.phase = 'saving';
        const multi = EXPORT_CHOICES.find((c) => c.id === settings.choice)?.output === 'folder';
        const first = files[0];
        saved = unwrap(
          await this.#api.saveExport({
            target: multi ? 'folder' : 'file',
            suggestedName: multi || !first ? base : first.name,
            files,
          }),
        );
      }
      if (!saved) return this.#cancelled(run);
      run.result = saved;
      run.phase = 'done';
      run.message = `Exported ${items.length} clipping${items.length === 1 ? '' : 's'}${saved.paths.length > 1 ? ` into ${saved.paths.length} files` : ''}.`;
    } catch (error) {
      run.phase = 'failed';
      run.message = errorMessage(error);
      this.#notices.push('error', `The export failed: ${run.message}`);
    }
  }

  cancel(): void {
    this.run?.controller.abort();
  }

  /** What every export names colours and codes by: the user's colour names and tags. */
  async #codebook(): Promise<Pick<ExportOptions, 'colorNames' | 'tags'>> {
    const [colorNames, tags] = await Promise.all([
      this.#repo.settings.get('highlightColorNames'),
      this.#repo.listTags(),
    ]);
    return {
      colorNames: colorNames ?? {},
      tags: tags
        .filter((t) => t.count > 0)
        .map((t) => ({ name: t.name, description: t.description ?? '', color: t.color })),
    };
  }

  /**
   * Exports chosen passages (highlight ids, grouped by clipping in the order given) on their
   * own: each clipping carries only those of its highlights. Returns the message to show.
   */
  async exportPassages(
    format: ExportFormat,
    passages: readonly { id: string; clippingId: string }[],
    title: string,
  ): Promise<string> {
    const order: string[] = [];
    const chosen = new Map<string, Set<string>>();
    for (const p of passages) {
      let ids = chosen.get(p.clippingId);
      if (!ids) {
        chosen.set(p.clippingId, (ids = new Set()));
        order.push(p.clippingId);
      }
      ids.add(p.id);
    }
    const run = new ExportRun();
    run.total = order.length;
    const loaded = await this.#load(order, run);
    const items = loaded.map((item) => ({
      ...item,
      highlights: item.highlights.filter((h) => chosen.get(item.clipping.id)?.has(h.id)),
    }));
    const options: ExportOptions = {
      title,
      generatedAt: new Date().toISOString(),
      ...(await this.#codebook()),
    };
    const files = await exportItems(format, items, options);
    const first = files[0];
    const saved = unwrap(
      await this.#api.saveExport({ target: 'file', suggestedName: first?.name ?? title, files }),
    );
    if (!saved) return 'The export was cancelled; nothing was written.';
    return `Exported ${passages.length} passage${passages.length === 1 ? '' : 's'} to ${saved.paths[0] ?? saved.folder}.`;
  }

  async showInFolder(): Promise<void> {
    const path = this.run?.result?.paths[0] ?? this.run?.result?.folder;
    if (!path) return;
    const result = await this.#api.showInFolder(path);
    if (!result.ok) this.#notices.push('error', result.error.message);
  }

  close(): void {
    this.run = null;
  }

  async #load(ids: readonly string[], run: ExportRun): Promise<ExportItem[]> {
    const items: ExportItem[] = [];
    for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
      if (run.controller.signal.aborted) break;
      const chunk = ids.slice(i, i + LOAD_CHUNK);
      items.push(...(await this.#repo.exportItems(chunk)));
      run.loaded = Math.min(ids.length, i + chunk.length);
    }
    return items;
  }

  #cancelled(run: ExportRun): void {
    run.phase = 'cancelled';
    run.message = 'The export was cancelled; nothing was written.';
  }
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function safeBase(title: string): string {
  return (
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, 120) || 'Clipbook export'
  );
}

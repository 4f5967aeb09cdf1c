/**
 * The API the preload exposes to the renderer as `window.clipbook`. Declared here so that
 * preload (which implements it) and renderer (which uses it) share one definition.
 */
import type { AppInfo, ImportEvent, ImportOrigin, InvokeValue, SaveRequest } from './ipc';
import type { MenuCommand } from './ipc-channels';
import type { Result } from './result';

/** The part of a DOM File the preload needs; shared code must not depend on the DOM. */
export interface DroppedFile {
  readonly name: string;
}

export interface ClipbookApi {
  importPaths(paths: string[], origin: ImportOrigin): Promise<Result<InvokeValue<'import:start'>>>;
  chooseAndImport(kind: 'files' | 'folder'): Promise<Result<InvokeValue<'import:choose'>>>;
  cancelImport(jobId: string): Promise<Result<InvokeValue<'import:cancel'>>>;
  openExternal(url: string): Promise<Result<null>>;
  appInfo(): Promise<Result<AppInfo>>;
  /** Asks where to save (folder or file) and writes the export there atomically. */
  saveExport(request: SaveRequest): Promise<Result<InvokeValue<'export:save'>>>;
  /** Prints clip-book HTML to a PDF the user places. */
  exportPdf(html: string, suggestedName: string): Promise<Result<InvokeValue<'export:pdf'>>>;
  showInFolder(path: string): Promise<Result<null>>;
  openFile(purpose: 'backup' | 'clipbook-json'): Promise<Result<InvokeValue<'file:open'>>>;
  writeAutoBackup(bytes: Uint8Array, keep: number): Promise<Result<InvokeValue<'backup:auto'>>>;
  /** Opens the profile folder in the system file manager (main knows the path). */
  openDataFolder(): Promise<Result<null>>;
  /** Absolute paths of dropped files ('' for entries that have none, e.g. dragged text). */
  pathsForFiles(files: readonly DroppedFile[]): string[];
  onImportEvent(listener: (event: ImportEvent) => void): () => void;
  /** `text` is what the command acts on (the selection, for the reader's context menu), else ''. */
  onMenuCommand(listener: (command: MenuCommand, text: string) => void): () => void;
}

export const API_KEY = 'clipbook';

/**
 * The API the preload exposes to the renderer as `window.clipbook`. Declared here so that
 * preload (which implements it) and renderer (which uses it) share one definition.
 */
import type { AppInfo, ImportEvent, ImportOrigin, InvokeValue } from './ipc';
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
  /** Absolute paths of dropped files ('' for entries that have none, e.g. dragged text). */
  pathsForFiles(files: readonly DroppedFile[]): string[];
  onImportEvent(listener: (event: ImportEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const API_KEY = 'clipbook';

/**
 * The API the preload exposes to the renderer as `window.clipbook`. Declared here so that
 * preload (which implements it) and renderer (which uses it) share one definition.
 */
import type {
  AppInfo,
  ImportEvent,
  ImportOrigin,
  InvokeValue,
  SaveRequest,
  SaveTarget,
} from './ipc';
import type { MenuCommand } from './ipc-channels';
import type { Result } from './result';

/** The part of a DOM File the preload needs; shared code must not depend on the DOM. */
export interface DroppedFile {
  readonly name: string;
}

/**
 * A file main is writing for the renderer. Bytes cross IPC in bounded chunks whatever is
 * passed to write(); nothing appears at the target until finish(). Methods throw on failure.
 */
export interface FileSink {
  write(bytes: Uint8Array): Promise<void>;
  finish(): Promise<{ path: string; bytes: number }>;
  abort(): Promise<void>;
}

/** A file main is reading for the renderer, a bounded chunk per read(). */
export interface FileSource {
  readonly name: string;
  readonly size: number;
  /** The next chunk, or null after the last one (the file is then closed). */
  read(): Promise<Uint8Array | null>;
  close(): Promise<void>;
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
  /** Asks for a backup or a Clipbook JSON export and opens it for reading; null if cancelled. */
  openFile(purpose: 'backup' | 'clipbook-json'): Promise<Result<FileSource | null>>;
  /**
   * Starts a file that is written a piece at a time (backups): where the user picks, or in the
   * automatic backups folder. null when the user cancelled the dialog.
   */
  saveFile(target: SaveTarget): Promise<Result<FileSink | null>>;
  /** Opens the profile folder in the system file manager (main knows the path). */
  openDataFolder(): Promise<Result<null>>;
  /** Absolute paths of dropped files ('' for entries that have none, e.g. dragged text). */
  pathsForFiles(files: readonly DroppedFile[]): string[];
  onImportEvent(listener: (event: ImportEvent) => void): () => void;
  /** `text` is what the command acts on (the selection, for the reader's context menu), else ''. */
  onMenuCommand(listener: (command: MenuCommand, text: string) => void): () => void;
}

export const API_KEY = 'clipbook';

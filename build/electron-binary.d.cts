/** Types for electron-binary.cjs (plain CommonJS so that npm's install step runs it with node). */
export type ElectronBinary = { path: string } | { missing: string };

export interface ElectronBinaryOptions {
  /** The electron package's folder; defaults to the one the project resolves. */
  electronDir?: string;
  env?: Record<string, string | undefined>;
}

export function resolveElectronBinary(options?: ElectronBinaryOptions): ElectronBinary;

export function installElectron(
  options?: ElectronBinaryOptions & { log?: (line: string) => void },
): { ok: true; path: string; installed: boolean } | { ok: false; message: string };

export function skipRequested(env: Record<string, string | undefined>): boolean;

export function failureReason(output: string): string;

export function nodeTooOld(version: string): boolean;

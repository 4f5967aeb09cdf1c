/**
 * Automatic backups: streamed into one folder (services/file-streams.ts writes each atomically),
 * keeping only the newest few.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const BACKUP_PREFIX = 'clipbook-backup-';
export const BACKUP_SUFFIX = '.clipbook-backup';

export function backupFileName(now: Date): string {
  // Sortable and valid on every file system (no colons).
  return `${BACKUP_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
}

/** Keeps the newest `keep` automatic backups in `dir` (names sort by time) and deletes the rest. */
export async function pruneAutoBackups(dir: string, keep: number): Promise<void> {
  const backups = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.startsWith(BACKUP_PREFIX) && name.endsWith(BACKUP_SUFFIX))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) {
    await unlink(join(dir, old)).catch(() => undefined);
  }
}

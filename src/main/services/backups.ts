/** Automatic backups: written atomically into one folder, keeping only the newest few. */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeExport } from '../export/write-export';

export const BACKUP_PREFIX = 'clipbook-backup-';
export const BACKUP_SUFFIX = '.clipbook-backup';

export function backupFileName(now: Date): string {
  // Sortable and valid on every file system (no colons).
  return `${BACKUP_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
}

export async function writeAutoBackup(
  dir: string,
  bytes: Uint8Array,
  keep: number,
  now = new Date(),
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const [path] = await writeExport(dir, [
    { name: backupFileName(now), data: bytes, mediaType: 'application/octet-stream' },
  ]);
  const backups = (await readdir(dir))
    .filter((name) => name.startsWith(BACKUP_PREFIX) && name.endsWith(BACKUP_SUFFIX))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) {
    await unlink(join(dir, old)).catch(() => undefined);
  }
  return path ?? join(dir, backupFileName(now));
}

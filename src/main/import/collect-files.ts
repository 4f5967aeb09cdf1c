/** Expands the user's selection (files and folders) into the files to import. */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, isAbsolute } from 'node:path';
import type { Refusal } from '@shared/clipping';
import { errorMessage } from '@shared/errors';

export type CollectedFile = { path: string } | { path: string; error: Refusal };

export interface CollectOptions {
  /** Also yield hidden files and folders (names starting with '.'). Default false. */
  includeHidden?: boolean;
  /** Stop descending below this many folder levels. Default 64. */
  maxDepth?: number;
}

function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : errorMessage(err);
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Yields files in a stable order (folders expanded recursively, entries sorted by name).
 * Symlinks are followed only when they stay inside the chosen folder; loops are detected by
 * real path so a folder is never walked twice.
 */
export async function* collectFiles(
  paths: string[],
  opts: CollectOptions = {},
): AsyncIterable<CollectedFile> {
  const maxDepth = opts.maxDepth ?? 64;
  for (const given of paths) {
    let st;
    try {
      st = await stat(given);
    } catch (err) {
      yield {
        path: given,
        error: { code: 'unreadable', message: `Cannot open “${given}” (${osReason(err)}).` },
      };
      continue;
    }
    if (!st.isDirectory()) {
      yield { path: given };
      continue;
    }
    let root: string;
    try {
      root = await realpath(given);
    } catch (err) {
      yield {
        path: given,
        error: {
          code: 'unreadable',
          message: `Cannot open the folder “${given}” (${osReason(err)}).`,
        },
      };
      continue;
    }
    const visited = new Set<string>([root]);
    // Explicit stack of open folders (not recursion) so that deep trees cannot overflow;
    // entries are visited in name order and a subfolder is expanded where it sorts.
    type Frame = { dir: string; names: string[]; i: number; depth: number };
    const stack: Frame[] = [];
    const open = async function* (dir: string, depth: number): AsyncGenerator<CollectedFile> {
      try {
        const names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        stack.push({ dir, names, i: 0, depth });
      } catch (err) {
        yield {
          path: dir,
          error: {
            code: 'unreadable',
            message: `Cannot read the folder “${dir}” (${osReason(err)}).`,
          },
        };
      }
    };
    yield* open(given, 0);
    while (stack.length) {
      const frame = stack[stack.length - 1] as Frame;
      if (frame.i >= frame.names.length) {
        stack.pop();
        continue;
      }
      const name = frame.names[frame.i++] as string;
      if (!opts.includeHidden && name.startsWith('.')) continue;
      const full = join(frame.dir, name);
      let l;
      try {
        l = await lstat(full);
      } catch (err) {
        yield {
          path: full,
          error: { code: 'unreadable', message: `Cannot open “${full}” (${osReason(err)}).` },
        };
        continue;
      }
      let isDir = l.isDirectory();
      let real = full;
      if (l.isSymbolicLink()) {
        let ts;
        try {
          real = await realpath(full);
          ts = await stat(real);
        } catch (err) {
          yield {
            path: full,
            error: {
              code: 'unreadable',
              message: `“${basename(full)}” is a broken link (${osReason(err)}).`,
            },
          };
          continue;
        }
        if (!inside(root, real)) {
          yield {
            path: full,
            error: {
              code: 'unreadable',
              message: `“${basename(full)}” is a link that points outside the folder you chose (${real}); it was not followed. Import that file directly if you want it.`,
            },
          };
          continue;
        }
        isDir = ts.isDirectory();
        if (!isDir && !ts.isFile()) continue;
      } else if (isDir) {
        try {
          real = await realpath(full);
        } catch {
          // Keep the path as is; readdir will report the problem.
        }
      } else if (!l.isFile()) {
        continue;
      }
      if (isDir) {
        // A folder reached twice (link loop or alias) is walked only once.
        if (!visited.has(real) && frame.depth < maxDepth) {
          visited.add(real);
          yield* open(full, frame.depth + 1);
        }
        continue;
      }
      yield { path: full };
    }
  }
}

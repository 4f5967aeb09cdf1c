/**
 * IPC handlers as plain functions: no Electron here, so the very same table serves the
 * Electron app (ipc/register.ts) and the browser test harness. Every argument arrives as
 * `unknown` and is parsed with the contract's schema before anything else runs.
 */
import * as v from 'valibot';
import {
  invokeContract,
  type AppInfo,
  type ImportOrigin,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeValue,
} from '../../shared/ipc';
import { err, ok, type Result } from '../../shared/result';

export interface ImportStarter {
  start(paths: string[], origin: ImportOrigin): string;
  cancel(jobId: string): boolean;
}

export interface HandlerDeps {
  imports: ImportStarter;
  /** Shows the native open dialog; resolves to the chosen paths, or null when cancelled. */
  choosePaths(kind: 'files' | 'folder'): Promise<string[] | null>;
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
}

export type IpcHandler = (args: unknown) => Promise<Result<unknown>>;
export type IpcHandlers = Record<InvokeChannel, IpcHandler>;

type Impl<C extends InvokeChannel> = (...args: InvokeArgs<C>) => Promise<InvokeValue<C>>;

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function handler<C extends InvokeChannel>(channel: C, impl: Impl<C>): IpcHandler {
  const contract = invokeContract[channel];
  return async (args) => {
    const parsed = v.safeParse(contract.args, args);
    if (!parsed.success) {
      return err('invalid-arguments', `${channel}: ${describeIssues(parsed.issues)}`);
    }
    try {
      const value = await impl(...(parsed.output as InvokeArgs<C>));
      const checked = v.safeParse(contract.result, value);
      if (!checked.success) {
        return err('internal', `${channel} produced an invalid response.`);
      }
      return ok(checked.output);
    } catch (error) {
      return err('internal', error instanceof Error ? error.message : String(error));
    }
  };
}

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    'import:start': handler('import:start', async (paths, origin) => ({
      jobId: deps.imports.start(paths, origin),
    })),
    'import:choose': handler('import:choose', async (kind) => {
      const paths = await deps.choosePaths(kind);
      if (!paths || paths.length === 0) return null;
      return { jobId: deps.imports.start(paths, 'dialog') };
    }),
    'import:cancel': handler('import:cancel', async (jobId) => ({
      cancelled: deps.imports.cancel(jobId),
    })),
    'shell:open-external': handler('shell:open-external', async (url) => {
      await deps.openExternal(url);
      return null;
    }),
    'app:info': handler('app:info', async () => deps.appInfo()),
  };
}

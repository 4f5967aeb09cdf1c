import { shell } from 'electron';
import { isHttpUrl } from '@shared/ipc';

/** The only place that may call shell.openExternal: http(s) links only, never file: or custom schemes. */
export async function openExternalSafely(url: string): Promise<void> {
  if (!isHttpUrl(url)) throw new Error('Only http and https links can be opened.');
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — http(s) only, checked on the line above
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/main/import';
import { ownBytes } from '../../../src/main/services/import-protocol';

const dir = mkdtempSync(join(tmpdir(), 'clipbook-own-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the other side of a worker's postMessage receives for `bytes` in the transfer list. */
function post(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (value: Uint8Array) => {
      port1.close();
      resolve(value);
    });
    port1.postMessage(bytes, [bytes.buffer]);
  });
}

describe('the bytes a worker posts', () => {
  it('a small file read into the shared pool travels as its own bytes only', async () => {
    const path = join(dir, 'small.txt');
    writeFileSync(path, 'Title\n\nA short article, well under four kilobytes.\n');
    const parsed = await parseFile(path);
    expect(parsed.ok && parsed.bytes).toBeTruthy();
    const read = parsed.bytes!;
    // The premise: Node keeps small reads in a larger shared buffer.
    expect(read.buffer.byteLength).toBeGreaterThan(read.byteLength);

    const own = ownBytes(read);
    expect(own.buffer.byteLength).toBe(read.byteLength);
    expect(own.byteOffset).toBe(0);
    expect([...own]).toEqual([...read]);
    const received = await post(own);
    expect(received.buffer.byteLength).toBe(read.byteLength);
    expect(new TextDecoder().decode(received)).toContain('A short article');
  });

  it('bytes that own their buffer are passed on without a copy', () => {
    const bytes = new Uint8Array(5000).fill(7);
    expect(ownBytes(bytes).buffer).toBe(bytes.buffer);
    const view = bytes.subarray(10, 20);
    const copy = ownBytes(view);
    expect(copy.buffer).not.toBe(bytes.buffer);
    expect(copy.buffer.byteLength).toBe(10);
  });
});

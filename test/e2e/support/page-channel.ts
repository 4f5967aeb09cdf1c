/**
 * Main → renderer messages for the harness (the stand-in for webContents.send), as bytes on
 * a stream rather than through the DevTools protocol, which costs ~100 ms of CPU per MB
 * (JSON in the browser process, again in the renderer) and dominated imports.
 *
 * The page opens one long fetch of a path on its own origin (so the app's CSP, connect-src
 * 'self', is unchanged); the harness's route passes that request on to a small HTTP server
 * here, whose response never ends: every message is one length-prefixed wire frame. The
 * page acknowledges each message through a binding once its listeners have run, which is
 * when `send` resolves. A reload ends the stream and the new document opens another;
 * messages sent meanwhile wait for it, and messages the old document had not acknowledged
 * fail, as page.evaluate fails when its document goes away.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { encodeWire } from './wire';

/** The path the page fetches on its own origin; the token names the page's channel. */
export const CHANNEL_PATH = '/__harness/events/';

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

export class PageChannel {
  readonly token = randomUUID();
  #seq = 0;
  #stream: { response: ServerResponse; sent: Set<number> } | null = null;
  /** Messages sent while no document listens; the next stream gets them first. */
  readonly #queued: { seq: number; frame: Buffer }[] = [];
  /** Messages not yet acknowledged, by number. */
  readonly #pending = new Map<number, Pending>();

  /** Sends one message; resolves once the page's listeners have been called with it. */
  send(channel: string, payload: unknown): Promise<void> {
    const seq = ++this.#seq;
    const frame = lengthPrefixed(encodeWire([seq, channel, payload], 4));
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      if (this.#stream) this.#write(seq, frame);
      else this.#queued.push({ seq, frame });
    });
  }

  /** The page's acknowledgement of message `seq`. */
  ack(seq: number): void {
    this.#pending.get(seq)?.resolve();
    this.#pending.delete(seq);
    this.#stream?.sent.delete(seq);
  }

  #write(seq: number, frame: Buffer): void {
    this.#stream?.sent.add(seq);
    this.#stream?.response.write(frame);
  }

  attach(response: ServerResponse): void {
    this.#stream?.response.end();
    const stream = { response, sent: new Set<number>() };
    this.#stream = stream;
    response.on('close', () => {
      if (this.#stream === stream) this.#stream = null;
      // Whatever the document that went away had not acknowledged is lost with it.
      for (const seq of stream.sent) {
        this.#pending.get(seq)?.reject(new Error('The page went away before it took the message.'));
        this.#pending.delete(seq);
      }
    });
    for (const { seq, frame } of this.#queued.splice(0)) this.#write(seq, frame);
  }

  close(): void {
    this.#stream?.response.end();
    this.#stream = null;
  }
}

/** Writes the stream's length prefix into the headroom encodeWire left (no copy). */
function lengthPrefixed(space: Uint8Array): Buffer {
  const out = Buffer.from(space.buffer, space.byteOffset, space.byteLength);
  out.writeUInt32LE(space.byteLength - 4, 0);
  return out;
}

const channels = new Map<string, PageChannel>();
let server: Promise<number> | null = null;

/** The loopback server the pages' streams come from (one per process), by its port. */
function serverPort(): Promise<number> {
  server ??= new Promise((resolve, reject) => {
    const http = createServer((request, response) => {
      const token = request.url?.startsWith(CHANNEL_PATH)
        ? request.url.slice(CHANNEL_PATH.length)
        : '';
      const channel = channels.get(token);
      if (!channel) {
        response.writeHead(404).end();
        return;
      }
      response.socket?.setNoDelay(true);
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.flushHeaders();
      channel.attach(response);
    });
    http.on('error', reject);
    // Streams stay open for the whole test: never let the server time them out.
    http.requestTimeout = 0;
    http.timeout = 0;
    http.keepAliveTimeout = 0;
    http.listen(0, '127.0.0.1', () => {
      http.unref();
      resolve((http.address() as AddressInfo).port);
    });
  });
  return server;
}

/** A new channel for one page, and the URL its stream request is passed on to. */
export async function openPageChannel(): Promise<{ channel: PageChannel; upstream: string }> {
  const port = await serverPort();
  const channel = new PageChannel();
  channels.set(channel.token, channel);
  return { channel, upstream: `http://127.0.0.1:${port}${CHANNEL_PATH}${channel.token}` };
}

/** Forgets a page's channel (its page is done). */
export function closePageChannel(channel: PageChannel): void {
  channels.delete(channel.token);
  channel.close();
}

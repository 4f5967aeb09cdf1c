/**
 * The harness's stand-in for the serialization of Electron's IPC (structured clone): one
 * binary frame per message, used both ways between Node and the page. The frame is the value
 * as JSON with its bytes kept out of the text: a little-endian u32 with the JSON's UTF-8
 * length, the JSON, then every byte array back to back. Values JSON cannot carry (bytes,
 * undefined, NaN, -0, BigInt, Date, Map, Set, RegExp, Error) travel as tagged objects.
 *
 * Self-contained on purpose: the page runs this very source, transpiled (see harness.ts).
 * Like structured clone it refuses functions and symbols; unlike it, it refuses cycles.
 */

/** The key of a tagged object; a plain object that has it is escaped as 'obj'. */
const TAG = '\u0000';

type Tagged = { [TAG]: string; [key: string]: unknown };

const VIEWS = {
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type ViewName = keyof typeof VIEWS;

function cloneError(what: string): Error {
  const error = new Error(`An object could not be cloned (${what}).`);
  error.name = 'DataCloneError';
  return error;
}

/**
 * Encodes `value` into one frame, after `headroom` free bytes (room for a transport's own
 * header, so that it need not copy the frame again).
 */
export function encodeWire(value: unknown, headroom = 0): Uint8Array {
  const blobs: Uint8Array[] = [];
  let blobBytes = 0;
  const blob = (bytes: Uint8Array): { o: number; n: number } => {
    const at = { o: blobBytes, n: bytes.byteLength };
    blobs.push(bytes);
    blobBytes += bytes.byteLength;
    return at;
  };
  const json = JSON.stringify(
    { v: value },
    function (this: Record<string, unknown>, key: string, jsonValue: unknown): unknown {
      // JSON.stringify has already applied toJSON (Date, Buffer): look at the value itself.
      const raw = this[key];
      switch (typeof raw) {
        case 'string':
        case 'boolean':
          return raw;
        case 'number':
          if (Number.isFinite(raw) && !Object.is(raw, -0)) return raw;
          return { [TAG]: 'num', v: Object.is(raw, -0) ? '-0' : `${raw}` };
        case 'undefined':
          return { [TAG]: 'undef' };
        case 'bigint':
          return { [TAG]: 'big', v: raw.toString() };
        case 'function':
        case 'symbol':
          throw cloneError(typeof raw);
      }
      if (raw === null) return null;
      if (Array.isArray(raw)) return raw;
      if (raw instanceof Uint8Array) return { [TAG]: 'u8', ...blob(raw) };
      if (raw instanceof ArrayBuffer) return { [TAG]: 'ab', ...blob(new Uint8Array(raw)) };
      if (ArrayBuffer.isView(raw)) {
        const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
        const type = raw instanceof DataView ? 'DataView' : raw.constructor.name;
        if (type !== 'DataView' && !(type in VIEWS)) throw cloneError(type);
        return { [TAG]: 'view', type, ...blob(bytes) };
      }
      if (raw instanceof Date) return { [TAG]: 'date', v: `${raw.getTime()}` };
      if (raw instanceof Map) return { [TAG]: 'map', v: [...raw] };
      if (raw instanceof Set) return { [TAG]: 'set', v: [...raw] };
      if (raw instanceof RegExp) return { [TAG]: 're', source: raw.source, flags: raw.flags };
      if (raw instanceof Error) {
        return { [TAG]: 'error', name: raw.name, message: raw.message, stack: raw.stack ?? '' };
      }
      if (Object.hasOwn(raw as object, TAG))
        return { [TAG]: 'obj', v: Object.entries(raw as object) };
      return jsonValue;
    },
  );
  // The JSON is encoded straight into the frame: room for its longest UTF-8 form (3 bytes
  // per UTF-16 unit), the unused part cut off at the end; no intermediate copies.
  const start = headroom + 4;
  const space = new Uint8Array(start + 3 * json.length + blobBytes);
  const { written } = new TextEncoder().encodeInto(json, space.subarray(start));
  new DataView(space.buffer).setUint32(headroom, written, true);
  let at = start + written;
  for (const bytes of blobs) {
    space.set(bytes, at);
    at += bytes.byteLength;
  }
  return space.subarray(0, at);
}

/** Decodes one frame made by encodeWire; byte arrays come out as copies with their own buffer. */
export function decodeWire(input: Uint8Array): unknown {
  // A plain view: a Node Buffer's slice() would share memory and stay a Buffer.
  const frame = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const length = view.getUint32(0, true);
  const base = 4 + length;
  const json = new TextDecoder().decode(frame.subarray(4, base));
  const bytes = (tagged: Tagged): Uint8Array => {
    const o = base + Number(tagged['o']);
    return frame.slice(o, o + Number(tagged['n']));
  };
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    const object = value as Record<string, unknown>;
    const tag = object[TAG];
    if (typeof tag === 'string') return untag(object as Tagged, tag);
    for (const key in object) {
      const item = object[key];
      if (item === null || typeof item !== 'object') continue;
      const revived = revive(item);
      if (revived !== item) setOwn(object, key, revived);
    }
    return object;
  };
  const untag = (tagged: Tagged, tag: string): unknown => {
    switch (tag) {
      case 'num':
        return Number(tagged['v']);
      case 'undef':
        return undefined;
      case 'big':
        return BigInt(String(tagged['v']));
      case 'u8':
        return bytes(tagged);
      case 'ab':
        return bytes(tagged).buffer;
      case 'view': {
        const buffer = bytes(tagged).buffer as ArrayBuffer;
        const type = String(tagged['type']);
        return type === 'DataView' ? new DataView(buffer) : new VIEWS[type as ViewName](buffer);
      }
      case 'date':
        return new Date(Number(tagged['v']));
      case 'map':
        return new Map(revive(tagged['v']) as [unknown, unknown][]);
      case 'set':
        return new Set(revive(tagged['v']) as unknown[]);
      case 're':
        return new RegExp(String(tagged['source']), String(tagged['flags']));
      case 'error': {
        const error = new Error(String(tagged['message']));
        error.name = String(tagged['name']);
        error.stack = String(tagged['stack']);
        return error;
      }
      case 'obj': {
        const object: Record<string, unknown> = {};
        for (const [key, item] of revive(tagged['v']) as [string, unknown][]) {
          setOwn(object, key, item);
        }
        return object;
      }
      default:
        throw new Error(`Unknown wire tag ${tag}`);
    }
  };
  return (revive(JSON.parse(json)) as { v: unknown }).v;
}

/** Sets a property as data, even one named __proto__ (which JSON.parse makes an own key). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    object[key] = value;
  }
}

/** Base64 both ways: Chromium and Node have it natively; older engines fall back. */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

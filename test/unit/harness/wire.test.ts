/**
 * The harness's wire codec must carry what Electron's IPC (structured clone) carries, both in
 * Node and as the transpiled script the page runs.
 */
import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, type fromBase64, type toBase64 } from '../../e2e/support/wire';
import { pageWireScript } from '../../e2e/support/wire-page';

type Wire = {
  encodeWire: typeof encodeWire;
  decodeWire: typeof decodeWire;
  toBase64: typeof toBase64;
  fromBase64: typeof fromBase64;
};

const page = new Function(`return ${pageWireScript()};`)() as Wire;

function sample(): unknown {
  const shared = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  return {
    text: 'plain, “quoted”, \u0000 and a lone \ud800 surrogate',
    numbers: [0, -0, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER],
    big: 2n ** 70n,
    flags: [true, false, null, undefined],
    missing: undefined,
    bytes: shared.subarray(2, 5),
    buffer: shared.buffer.slice(0, 3),
    floats: new Float64Array([1.25, -2]),
    when: new Date('2024-07-18T09:30:00Z'),
    map: new Map<unknown, unknown>([
      ['a', new Uint8Array([9])],
      [2, { nested: [undefined] }],
    ]),
    set: new Set(['x', 1]),
    pattern: /a.b/gu,
    nested: { deeper: { items: [{ bytes: new Uint8Array(0) }] } },
    '\u0000': 'a key that looks like a tag',
    ['__proto__']: 'an own property',
  };
}

describe('wire codec', () => {
  it('round-trips what structured clone carries', () => {
    const value = sample();
    expect(decodeWire(encodeWire(value))).toEqual(structuredClone(value));
  });

  it('leaves the headroom asked for free before the frame, and ends where its bytes end', () => {
    const value = { text: 'Kovač — “quoted” 日本 𝐁', bytes: new Uint8Array([1, 2, 3]) };
    const plain = encodeWire(value);
    const framed = encodeWire(value, 4);
    expect(framed.byteLength).toBe(plain.byteLength + 4);
    expect([...framed.subarray(4)]).toEqual([...plain]);
    expect(decodeWire(framed.subarray(4))).toEqual(value);
  });

  it('gives each byte array its own buffer, as a plain Uint8Array', () => {
    const shared = new Uint8Array(1000).fill(7);
    const out = decodeWire(
      encodeWire([shared.subarray(10, 12), Buffer.from('hi')]),
    ) as Uint8Array[];
    expect(out[0]?.buffer.byteLength).toBe(2);
    expect(out[1]?.constructor).toBe(Uint8Array);
    expect([...(out[1] ?? [])]).toEqual([104, 105]);
    // Node reads frames from Buffers, whose slice() would share memory.
    const [fromBuffer] = decodeWire(
      Buffer.from(encodeWire([shared.subarray(0, 3)])),
    ) as Uint8Array[];
    expect(fromBuffer?.constructor).toBe(Uint8Array);
    expect(fromBuffer?.buffer.byteLength).toBe(3);
  });

  it('keeps own __proto__ keys as data and an undefined member as a key', () => {
    const out = decodeWire(encodeWire(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'))) as {
      polluted?: boolean;
    };
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(Object.keys(decodeWire(encodeWire({ gone: undefined })) as object)).toEqual(['gone']);
  });

  it('refuses functions and symbols, as structured clone does, and cycles', () => {
    expect(() => encodeWire({ f: () => 1 })).toThrow(/could not be cloned/);
    expect(() => encodeWire([Symbol('s')])).toThrow(/could not be cloned/);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => encodeWire(cyclic)).toThrow();
    // The same object twice is no cycle.
    const shared = { x: 1 };
    expect(decodeWire(encodeWire([shared, shared]))).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it('the page script reads what Node writes and the other way round, through base64', () => {
    const value = sample();
    const toPage = page.decodeWire(
      page.fromBase64(Buffer.from(encodeWire(value)).toString('base64')),
    );
    expect(toPage).toEqual(structuredClone(value));
    const fromPage = decodeWire(Buffer.from(page.toBase64(page.encodeWire(value)), 'base64'));
    expect(fromPage).toEqual(structuredClone(value));
  });
});

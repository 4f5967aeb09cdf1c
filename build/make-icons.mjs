// Regenerates the app icons from resources/icon.svg: PNGs in every size (resources/icons,
// named as electron-builder's Linux targets expect), icon.ico (Windows) and icon.icns (macOS).
// Rasterising needs ImageMagick's `convert`; the .ico and .icns containers are written here,
// so no other tool is needed. The outputs are committed: building the app never needs this.
//   node build/make-icons.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'resources/icon.svg');
const out = join(root, 'resources/icons');
export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

mkdirSync(out, { recursive: true });
const png = new Map();
for (const size of SIZES) {
  const file = join(out, `${size}x${size}.png`);
  // Density scales the SVG before rasterising, so small sizes are not blurry up-scales.
  execFileSync('convert', [
    '-background',
    'none',
    '-density',
    String(Math.max(72, Math.ceil((72 * size) / 1024) * 4)),
    source,
    '-resize',
    `${size}x${size}`,
    '-strip',
    `PNG32:${file}`,
  ]);
  png.set(size, readFileSync(file));
}
writeFileSync(join(root, 'resources/icon.png'), png.get(512));

// ICO: uncompressed 32-bit bitmaps below 256 px (what every Windows tool, NSIS included,
// reads) and a PNG-compressed 256 px image (supported since Windows Vista).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const icoData = new Map(icoSizes.map((size) => [size, size >= 256 ? png.get(size) : bitmap(size)]));

function bitmap(size) {
  const rgba = execFileSync('convert', [join(out, `${size}x${size}.png`), '-depth', '8', 'RGBA:-']);
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // colour rows + mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4; // bottom-up, BGRA
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  // The AND mask is unused with 32-bit alpha but must be present (rows padded to 4 bytes).
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([info, pixels, mask]);
}

const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, i) => {
  const data = icoData.get(size);
  const entry = 6 + 16 * i;
  header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
  header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
  header.writeUInt8(0, entry + 2);
  header.writeUInt8(0, entry + 3);
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync(
  join(root, 'resources/icon.ico'),
  Buffer.concat([header, ...icoSizes.map((s) => icoData.get(s))]),
);

// ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) entries.
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const chunks = icnsTypes.map(([type, size]) => {
  const data = png.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
writeFileSync(join(root, 'resources/icon.icns'), Buffer.concat([icnsHead, ...chunks]));
console.log(`icons written for sizes ${SIZES.join(', ')}`);

// Draws media/icon.png (128x128): a quotation mark above lines of text, one of them
// highlighted — an annotated source. Written as a tiny rasteriser (signed distances,
// 4x4 supersampling) plus Node's zlib so the icon is reproducible without image tools.
// Run: node scripts/genIcon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const BACKGROUND = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];
const TEXT_LINE = [0xa9, 0xc4, 0xde];
const HIGHLIGHT = [0xf2, 0xc9, 0x4c];
const INK = [0x1f, 0x4e, 0x79];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a capsule (a thick segment with round ends). */
function capsule(x, y, ax, ay, bx, by, r) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
}

/** An opening quotation mark glyph ("6"): a ball with a tail rising to the upper right. */
function sixGlyph(x, y, cx, cy) {
  return Math.min(Math.hypot(x - cx, y - cy) - 11, capsule(x, y, cx - 8, cy - 3, cx + 6, cy - 24, 4.5));
}

/** Layers from back to front: [signed distance function, colour]. */
const layers = [
  [(x, y) => roundedRect(x, y, 0, 0, SIZE, SIZE, 22), BACKGROUND],
  [(x, y) => Math.min(sixGlyph(x, y, 40, 46), sixGlyph(x, y, 72, 46)), WHITE],
  [(x, y) => roundedRect(x, y, 22, 68, 106, 76, 4), TEXT_LINE],
  [(x, y) => roundedRect(x, y, 16, 82, 112, 98, 5), HIGHLIGHT],
  [(x, y) => roundedRect(x, y, 22, 86, 96, 94, 4), INK],
  [(x, y) => roundedRect(x, y, 22, 104, 82, 112, 4), TEXT_LINE],
];

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // PNG filter type "None" for this row
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES;
        const y = py + (sy + 0.5) / SAMPLES;
        let colour;
        for (const [distance, c] of layers) if (distance(x, y) <= 0) colour = c;
        if (colour) {
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    // Colours are averaged over covered samples only; coverage becomes alpha (straight alpha).
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);

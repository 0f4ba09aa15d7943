// Draws build/icon.png (1024×1024 RGBA), the icon electron-builder turns into .ico/.icns/Linux
// sizes: a blue rounded square holding a small white org chart, for the buying-centre map.
// Node built-ins only, so it runs anywhere: `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

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
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed distances: negative inside. Coverage from distance gives one-sample anti-aliasing.
const roundedSquare = (x, y, cx, cy, half, r) => {
  const qx = Math.abs(x - cx) - half + r;
  const qy = Math.abs(y - cy) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, halfWidth) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - halfWidth;
};
const coverage = (d) => Math.max(0, Math.min(1, 0.5 - d));

const TOP = [512, 360, 118];
const LEFT = [316, 690, 100];
const RIGHT = [708, 690, 100];
const FROM = [29, 78, 137]; // #1d4e89 at the top
const TO = [56, 128, 200]; // #3880c8 at the bottom

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  const t = y / (SIZE - 1);
  const bg = FROM.map((f, i) => f + (TO[i] - f) * t);
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const tile = coverage(roundedSquare(px, py, 512, 512, 448, 200));
    const shape = coverage(
      Math.min(
        circle(px, py, ...TOP),
        circle(px, py, ...LEFT),
        circle(px, py, ...RIGHT),
        segment(px, py, TOP[0], TOP[1], LEFT[0], LEFT[1], 22),
        segment(px, py, TOP[0], TOP[1], RIGHT[0], RIGHT[1], 22),
      ),
    );
    const o = (y * SIZE + x) * 4;
    for (let i = 0; i < 3; i++) pixels[o + i] = Math.round(bg[i] + (255 - bg[i]) * shape);
    pixels[o + 3] = Math.round(255 * tile);
  }
}

const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, encodePng(SIZE, SIZE, pixels));
console.log(`wrote ${out.pathname}`);

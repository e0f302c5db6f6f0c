/**
 * A tiny XYZ tile server for the end-to-end tests: any /{z}/{x}/{y}.png is a
 * generated 256×256 PNG (a checkerboard of two pale tints with a grid, so a
 * screenshot shows the tiles), /health answers "ok". Run: `npx tsx e2e/tile-server.ts`.
 */
import { createServer } from "node:http";
import { deflateSync } from "node:zlib";
import { tilePort } from "./tile-fixture";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG: the tile's tint, a line every 32 px, a darker edge. */
function tilePng([r, g, b]: [number, number, number]): Buffer {
  const size = 256;
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const edge = x === 0 || y === 0;
      const line = x % 32 === 0 || y % 32 === 0;
      const shade = edge ? 0.7 : line ? 0.9 : 1;
      rows.set([Math.round(r * shade), Math.round(g * shade), Math.round(b * shade)], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const tiles = [tilePng([236, 232, 214]), tilePng([222, 234, 226])];
let served = 0;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://tiles").pathname;
  if (path === "/health") return res.writeHead(200, { "content-type": "text/plain" }).end(`ok ${served}`);
  const match = /^\/(\d{1,2})\/(\d+)\/(\d+)\.png$/.exec(path);
  if (!match) return res.writeHead(404).end();
  served += 1;
  const [, , x, y] = match.map(Number) as [number, number, number, number];
  res.writeHead(200, { "content-type": "image/png", "cache-control": "no-store", "x-tile-fixture": "1" }).end(tiles[(x + y) % 2]);
});

server.listen(tilePort, "127.0.0.1", () => console.log(`tile fixture on http://127.0.0.1:${tilePort}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));

/**
 * A Y4M clip (640x480, 4:2:0) showing the QR code of a text, for Chromium's
 * fake camera (--use-file-for-fake-video-capture): `tsx scripts/make-qr-clip.ts <text> <out.y4m>`.
 * The desk-code spec calls makeQrClip itself, with the link of a desk it made.
 */
import { writeFileSync } from "node:fs";
import QRCode from "qrcode";

const WIDTH = 640;
const HEIGHT = 480;

export function makeQrClip(text: string, path: string, frames = 10): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  // A quiet zone of 4 modules around the code, as the standard asks, and the largest whole module size that fits.
  const span = modules.size + 8;
  const scale = Math.floor((HEIGHT - 40) / span);
  const left = Math.floor((WIDTH - span * scale) / 2);
  const top = Math.floor((HEIGHT - span * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const offset = (top + (row + 4) * scale + y) * WIDTH + left + (col + 4) * scale;
        luma.fill(16, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

const [, script, text, out] = process.argv;
if (script?.endsWith("make-qr-clip.ts") && text && out) {
  makeQrClip(text, out);
  console.log(`wrote ${out}: ${WIDTH}x${HEIGHT} C420, the QR code of ${text}`);
}

import jsQR from "jsqr";

/** How often a camera frame is read: enough to feel instant, little enough for a slow phone. */
const FRAME_MS = 150;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's own detector where it has one (Chrome on Android, Safari); jsQR everywhere else (desktop Chromium has none). */
function nativeDetector(): BarcodeDetectorLike | null {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return Detector ? new Detector({ formats: ["qr_code"] }) : null;
}

/**
 * Reads QR codes from the video until `onText` returns true (it found what it
 * wanted) or `signal` aborts. Frames are drawn on an off-screen canvas, which
 * the CSP does not govern.
 */
export function scanVideo(video: HTMLVideoElement, onText: (text: string) => boolean, signal: AbortSignal): void {
  const native = nativeDetector();
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let timer: number | undefined;
  const tick = async () => {
    if (signal.aborted || !context) return;
    if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const texts = native
        ? (await native.detect(canvas).catch(() => [])).map((code) => code.rawValue)
        : [jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data].filter(
            (text): text is string => typeof text === "string",
          );
      for (const text of texts) if (onText(text)) return;
    }
    if (!signal.aborted) timer = window.setTimeout(() => void tick(), FRAME_MS);
  };
  signal.addEventListener("abort", () => window.clearTimeout(timer), { once: true });
  void tick();
}

"use client";

import QRCode from "qrcode";
import { useEffect, useRef } from "react";

/** A QR code drawn on a canvas: no image URL, so the CSP's img-src need not allow data: or blob:. */
export function QrCanvas({ text, label, size = 192, testId }: { text: string; label: string; size?: number; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, text, { width: size, margin: 2, errorCorrectionLevel: "M" });
  }, [text, size]);
  return <canvas ref={canvas} role="img" aria-label={label} width={size} height={size} data-testid={testId} data-text={text} />;
}

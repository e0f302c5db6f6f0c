"use client";

import { useEffect, useState } from "react";
import { useT } from "../../_i18n/provider";
import type { useShake } from "../../_lib/use-shake";

/** Shake to send: its state, the "enable" step where the platform asks (iOS), and a visible jolt when a shake is caught. */
export function ShakeControl({
  shake,
  online,
  shaken,
  busy,
}: {
  shake: ReturnType<typeof useShake>;
  online: boolean;
  shaken: number;
  busy: boolean;
}) {
  const t = useT();
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (!shaken) return;
    setFlash(true);
    const timer = window.setTimeout(() => setFlash(false), 1200);
    return () => window.clearTimeout(timer);
  }, [shaken]);

  const { support } = shake;
  if (support === "unknown" || support === "unsupported") return null;
  return (
    <div className={flash ? "shake-control shaken" : "shake-control"} data-testid="shake-control" data-support={support} data-shakes={shake.shakes}>
      <p role="status" aria-live="polite" className="shake-state">
        {flash && busy ? t("shake.detected") : support === "listening" ? (online ? t("shake.listening") : t("shake.offline")) : null}
        {support === "denied" ? t("shake.denied") : null}
      </p>
      {support === "listening" ? (
        <button type="button" className="button secondary" onClick={shake.disable} data-testid="shake-disable">
          {t("shake.stop")}
        </button>
      ) : null}
      {support === "needs-permission" || support === "off" ? (
        <>
          <button type="button" className="button secondary" onClick={() => void shake.enable()} data-testid="shake-enable">
            {t("shake.enable")}
          </button>
          {support === "needs-permission" ? <p className="small muted">{t("shake.enableHint")}</p> : null}
        </>
      ) : null}
    </div>
  );
}

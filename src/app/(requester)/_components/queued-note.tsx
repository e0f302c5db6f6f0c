"use client";

import { useT } from "../../_i18n/provider";

/** Says that what was pressed offline goes once the phone is back online, and lets the requester drop it. */
export function QueuedNote({ onDrop, testId }: { onDrop: () => void; testId: string }) {
  const t = useT();
  return (
    <div className="alert info queued-note" role="status" data-testid={testId}>
      <p>{t("offline.willSend")}</p>
      <button type="button" className="button secondary" onClick={onDrop} data-testid={`${testId}-drop`}>
        {t("offline.dontSend")}
      </button>
    </div>
  );
}

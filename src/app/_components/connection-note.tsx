"use client";

import { useT } from "../_i18n/provider";

type Connection = "connecting" | "reconnecting" | "live" | "ended" | "failed";

/** Tells the user when the live stream is (re)connecting; empty (but still announced) while live. */
export function ConnectionNote({ connection, what }: { connection: Connection; what?: string }) {
  const t = useT();
  const target = what ?? t("connection.liveUpdates");
  return (
    <p
      role="status"
      aria-live="polite"
      className={connection === "reconnecting" ? "alert warning" : "small muted"}
      data-testid="connection-state"
      data-state={connection}
    >
      {connection === "connecting" ? t("connection.connecting", { what: target }) : null}
      {connection === "reconnecting" ? t("connection.reconnecting", { what: target }) : null}
    </p>
  );
}

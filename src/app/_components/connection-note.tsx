"use client";

type Connection = "connecting" | "reconnecting" | "live" | "ended" | "failed";

/** Tells the user when the live stream is (re)connecting; empty (but still announced) while live. */
export function ConnectionNote({ connection, what = "the live updates" }: { connection: Connection; what?: string }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={connection === "reconnecting" ? "alert warning" : "small muted"}
      data-testid="connection-state"
      data-state={connection}
    >
      {connection === "connecting" ? `Connecting to ${what}…` : null}
      {connection === "reconnecting" ? `Connection lost — reconnecting to ${what}. Nothing will be missed.` : null}
    </p>
  );
}

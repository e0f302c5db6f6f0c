"use client";

/** Tells the user when the live stream is (re)connecting; silent while live. */
export function ConnectionNote({ connection, what = "the live updates" }: { connection: "connecting" | "reconnecting" | "live" | "ended" | "failed"; what?: string }) {
  return (
    <p role="status" aria-live="polite" className="small muted" data-testid="connection-state" data-state={connection}>
      {connection === "connecting" ? `Connecting to ${what}…` : null}
      {connection === "reconnecting" ? `Connection lost — reconnecting to ${what}. Nothing will be missed.` : null}
    </p>
  );
}

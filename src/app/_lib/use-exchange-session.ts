"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useT } from "../_i18n/provider";
import { apiError, type ApiError } from "./errors";
import { parseSessionEvent } from "~/shared/exchange/session-events";
import { deriveSession, type SessionEvent, type SessionView } from "./exchange-session";

export interface ExchangeSession {
  view: SessionView;
  events: SessionEvent[];
  /** "connecting" before the first event, "reconnecting" after a drop, "live", or "ended" once closed. */
  connection: "connecting" | "reconnecting" | "live" | "ended" | "failed";
  error: ApiError | null;
}

/**
 * Follows one request's paired session. The SSE link resumes after the last
 * event id on reconnect; events are kept by id so a replay never doubles one.
 * Mount with `key={requestId}` so a new request starts from an empty log.
 */
export function useExchangeSession(requestId: string): ExchangeSession {
  const t = useT();
  const trpc = useTRPC();
  const [events, setEvents] = useState<SessionEvent[]>([]);
  const subscription = useSubscription(
    trpc.exchange.session.subscriptionOptions(
      { requestId },
      {
        onData(tracked) {
          // Checked against the shared contract: a payload that does not fit is dropped, never half-read.
          const event = parseSessionEvent(tracked.data);
          if (!event) return;
          setEvents((prev) => {
            if (prev.some((e) => e.id === event.id)) return prev;
            return [...prev, event].sort((a, b) => a.id - b.id);
          });
        },
      },
    ),
  );
  const view = useMemo(() => deriveSession(events), [events]);

  let connection: ExchangeSession["connection"];
  if (view.closed) connection = "ended";
  else if (subscription.status === "error") connection = "failed";
  else if (subscription.status === "connecting" || subscription.status === "idle") connection = events.length > 0 ? "reconnecting" : "connecting";
  else connection = events.length > 0 ? "live" : "connecting";

  const error = subscription.status === "error" && subscription.error ? apiError(subscription.error, t) : null;
  return { view, events, connection, error };
}

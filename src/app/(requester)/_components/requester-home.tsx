"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useT } from "../../_i18n/provider";
import { replaceSearchParam } from "../../_lib/url-state";
import { MyRequests } from "./my-requests";
import { RequesterSession } from "./requester-session";
import { SendForm } from "./send-form";
import { useOnline } from "../_lib/use-online";
import "../requester.css";

/** The requester's screen: the wallet and the send button, or the live status of the request being followed, and the history. */
export function RequesterHome({
  userId,
  identification,
  initialRequestId,
}: {
  userId: string;
  identification: string;
  initialRequestId: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [activeId, setActiveId] = useState<string | null>(initialRequestId);
  // A stream that stopped for good (not a server refusal) is opened afresh: it replays the whole log, so nothing is lost or doubled.
  const [attempt, setAttempt] = useState(0);
  const online = useOnline();

  function follow(id: string | null) {
    setActiveId(id);
    setAttempt(0);
    replaceSearchParam("request", id);
    void queryClient.invalidateQueries({ queryKey: trpc.request.mine.queryKey() });
  }

  return (
    <div className="requester" data-testid="requester-home" data-online={online}>
      <NetworkBanner online={online} />
      {activeId ? (
        <RequesterSession
          key={`${activeId}:${attempt}`}
          requestId={activeId}
          userId={userId}
          onNew={() => follow(null)}
          onLost={() => setAttempt((n) => n + 1)}
          attempt={attempt}
        />
      ) : (
        <SendForm userId={userId} identification={identification} online={online} onSent={follow} />
      )}
      {online ? <MyRequests activeId={activeId} onOpen={follow} /> : null}
    </div>
  );
}

/** Says when the phone is offline (and, briefly, when it is back). */
function NetworkBanner({ online }: { online: boolean }) {
  const t = useT();
  const wasOffline = useRef(false);
  const [back, setBack] = useState(false);
  useEffect(() => {
    if (!online) {
      wasOffline.current = true;
      setBack(false);
      return;
    }
    if (!wasOffline.current) return;
    setBack(true);
    const timer = window.setTimeout(() => setBack(false), 4000);
    return () => window.clearTimeout(timer);
  }, [online]);
  return (
    <div role="status" aria-live="polite" data-testid="network-state" data-state={online ? "online" : "offline"}>
      {!online ? <p className="alert warning network-banner">{t("network.offline")}</p> : null}
      {online && back ? <p className="alert success network-banner">{t("network.backOnline")}</p> : null}
    </div>
  );
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { replaceSearchParam } from "../_lib/url-state";
import { MyRequests } from "./my-requests";
import { RequesterSession } from "./requester-session";
import { SendForm } from "./send-form";

/** The requester's screen: the form, or the live status of the request being followed, and the history. */
export function RequesterHome({ userId, initialRequestId }: { userId: string; initialRequestId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [activeId, setActiveId] = useState<string | null>(initialRequestId);

  function follow(id: string | null) {
    setActiveId(id);
    replaceSearchParam("request", id);
    void queryClient.invalidateQueries({ queryKey: trpc.request.mine.queryKey() });
  }

  return (
    <>
      {activeId ? <RequesterSession key={activeId} requestId={activeId} onNew={() => follow(null)} /> : <SendForm userId={userId} onSent={follow} />}
      <MyRequests activeId={activeId} onOpen={follow} />
    </>
  );
}

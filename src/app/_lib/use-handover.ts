"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { PaymentAnswer } from "~/shared/business-data";
import {
  deskChannel,
  newPhoneKeys,
  type OpenedHandover,
  openAnswer,
  openHandover,
  phoneChannel,
  sealAnswer,
  sealHandover,
} from "~/shared/handover/parties";
import { HandoverError, type HandoverErrorCode, type HandoverChannel, type SealedMessage } from "~/shared/handover/protocol";
import { useTRPC } from "~/trpc/react";
import type { SessionView } from "./exchange-session";
import { type DeskRecord, deleteHandover, loadHandover, type PhoneRecord, saveHandover } from "./handover-keys";

/**
 * Where this device stands in the handover: "loading" its keys, "no-keys"
 * (the session was started on another device, which alone can decrypt),
 * "keying" (the keys are still being exchanged), "ready" with the code it
 * derived itself, or "failed" (a reveal that does not match the commitment,
 * data that does not decrypt or validate).
 */
export type HandoverStatus =
  | { kind: "loading" }
  | { kind: "no-keys" }
  | { kind: "keying" }
  | { kind: "ready"; code: string }
  | { kind: "failed"; reason: HandoverErrorCode | "UNKNOWN"; message: string };

function failure(error: unknown): HandoverStatus {
  return error instanceof HandoverError
    ? { kind: "failed", reason: error.code, message: error.message }
    : { kind: "failed", reason: "UNKNOWN", message: error instanceof Error ? error.message : String(error) };
}

/** Loads this device's record for the request, and deletes it once the session closed. */
function useRecord<R extends "requester" | "processor">(requestId: string, role: R, closed: boolean) {
  const [record, setRecord] = useState<(R extends "requester" ? PhoneRecord : DeskRecord) | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadHandover(requestId, role).then(
      (found) => live && setRecord(found as never),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [requestId, role]);
  useEffect(() => {
    if (closed) void deleteHandover(requestId, role).catch(() => undefined);
  }, [closed, requestId, role]);
  return [record, setRecord] as const;
}

/** The phone's side: sends its key when its turn comes, checks the desk's reveal, derives the code, seals the data, opens the answer. */
export function useRequesterHandover(requestId: string, view: SessionView) {
  const trpc = useTRPC();
  const [record, setRecord] = useRecord(requestId, "requester", view.closed);
  const sendKey = useMutation(trpc.exchange.sendKey.mutationOptions());
  const sent = useRef(false);
  const [channel, setChannel] = useState<HandoverChannel | null>(null);
  const [status, setStatus] = useState<HandoverStatus>({ kind: "loading" });
  const [answer, setAnswer] = useState<PaymentAnswer | null>(null);
  const [sealMs, setSealMs] = useState<number | null>(null);

  // A desk released the pairing: the key pair it saw is dropped, and a fresh one waits for the next desk.
  const renewed = useRef(false);
  useEffect(() => {
    if (!view.released) {
      renewed.current = false;
      return;
    }
    if (!record || renewed.current) return;
    renewed.current = true;
    sent.current = false;
    setChannel(null);
    newPhoneKeys(requestId)
      .then(async (keys) => {
        const fresh = { ...record, keys };
        await saveHandover(fresh);
        setRecord(fresh);
      })
      .catch((error: unknown) => setStatus(failure(error)));
  }, [view.released, record, requestId, setRecord]);

  const mine = record?.keys.publicKey;
  useEffect(() => {
    if (record === undefined || view.released) return;
    if (record === null || (view.requesterKey !== null && view.requesterKey !== mine)) {
      setStatus({ kind: "no-keys" });
      return;
    }
    if (view.exchangeState === "AWAITING_REQUESTER_KEY" && !view.requesterKey && !sent.current) {
      sent.current = true;
      sendKey.mutate({ requestId, publicKey: record.keys.publicKey }, { onError: () => (sent.current = false) });
    }
    if (!view.commitment || !view.processorReveal || view.requesterKey !== mine) {
      setStatus({ kind: "keying" });
      return;
    }
    let live = true;
    phoneChannel(record.keys, view.commitment, view.processorReveal).then(
      (opened) => {
        if (!live) return;
        setChannel(opened);
        setStatus({ kind: "ready", code: opened.code });
      },
      (error: unknown) => live && setStatus(failure(error)),
    );
    return () => {
      live = false;
    };
    // sendKey is stable enough: its identity changes with its state, which must not re-run this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record, mine, view.released, view.exchangeState, view.requesterKey, view.commitment, view.processorReveal, requestId]);

  useEffect(() => {
    if (!channel || !view.sealedAnswer) return;
    let live = true;
    openAnswer(channel, view.sealedAnswer).then(
      (opened) => live && setAnswer(opened),
      (error: unknown) => live && setStatus(failure(error)),
    );
    return () => {
      live = false;
    };
  }, [channel, view.sealedAnswer]);

  /** Seals the data to the desk; the caller sends it with exchange.confirm. */
  async function seal(): Promise<SealedMessage> {
    if (!channel || !record) throw new HandoverError("BAD_KEY", "The keys are not agreed yet.");
    const started = performance.now();
    const sealed = await sealHandover(channel, record.businessData, record.identification);
    setSealMs(performance.now() - started);
    return sealed;
  }

  return { status, answer, seal, sealMs };
}

/** The desk's side: reveals its key when the phone's arrived, derives the code, opens and validates the data, seals the answer. */
export function useProcessorHandover(requestId: string, view: SessionView) {
  const trpc = useTRPC();
  const [record] = useRecord(requestId, "processor", view.closed);
  const reveal = useMutation(trpc.exchange.revealKey.mutationOptions());
  const revealed = useRef(false);
  const [channel, setChannel] = useState<HandoverChannel | null>(null);
  const [status, setStatus] = useState<HandoverStatus>({ kind: "loading" });
  const [data, setData] = useState<OpenedHandover | null>(null);
  const [openMs, setOpenMs] = useState<number | null>(null);

  useEffect(() => {
    if (record === undefined) return;
    if (record === null || (view.processorReveal !== null && view.processorReveal.publicKey !== record.keys.publicKey)) {
      setStatus({ kind: "no-keys" });
      return;
    }
    if (!view.requesterKey) {
      setStatus({ kind: "keying" });
      return;
    }
    if (view.exchangeState === "AWAITING_PROCESSOR_KEY" && !revealed.current) {
      revealed.current = true;
      reveal.mutate({ requestId, publicKey: record.keys.publicKey, nonce: record.keys.nonce }, { onError: () => (revealed.current = false) });
    }
    let live = true;
    deskChannel(record.keys, view.requesterKey).then(
      (opened) => {
        if (!live) return;
        setChannel(opened);
        setStatus({ kind: "ready", code: opened.code });
      },
      (error: unknown) => live && setStatus(failure(error)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record, view.requesterKey, view.processorReveal, view.exchangeState, requestId]);

  useEffect(() => {
    if (!channel || !view.sealedData || !record) return;
    let live = true;
    const started = performance.now();
    openHandover(channel, view.sealedData, record.preview).then(
      (opened) => {
        if (!live) return;
        setOpenMs(performance.now() - started);
        setData(opened);
      },
      (error: unknown) => live && setStatus(failure(error)),
    );
    return () => {
      live = false;
    };
  }, [channel, view.sealedData, record]);

  async function seal(answer: PaymentAnswer): Promise<SealedMessage> {
    if (!channel) throw new HandoverError("BAD_KEY", "The keys are not agreed yet.");
    return sealAnswer(channel, answer);
  }

  return { status, data, seal, openMs };
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { deskCodeFromScan, deskCodeSchema, formatDeskCode } from "~/shared/desk-code/desk-code";
import { FormAlert, TextField } from "../../_components/field";
import { useT } from "../../_i18n/provider";
import { apiError } from "../../_lib/errors";
import { replaceSearchParam } from "../../_lib/url-state";
import { scanVideo } from "../_lib/qr-scanner";

export interface DeskTarget {
  code: string;
  displayName: string;
}

/**
 * "Send to a desk by code": a typed code, a scanned QR code, or the `?desk=`
 * of the link the QR code carries. The desk is looked up before sending, so a
 * wrong code is told at once. Offered first when location is unavailable.
 */
export function DeskCodeField({
  target,
  onTarget,
  locationUnavailable,
}: {
  target: DeskTarget | null;
  onTarget: (target: DeskTarget | null) => void;
  locationUnavailable: boolean;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  async function apply(raw: string) {
    const parsed = deskCodeSchema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message;
      setError(t(reason === "DESK_CODE_EMPTY" || reason === "DESK_CODE_LENGTH" ? `deskCode.error.${reason}` : "deskCode.error.DESK_CODE_SHAPE"));
      return;
    }
    setError(null);
    setChecking(true);
    try {
      const desk = await queryClient.fetchQuery({ ...trpc.request.findDesk.queryOptions({ code: parsed.data }), staleTime: 0, retry: false });
      onTarget({ code: parsed.data, displayName: desk.displayName });
      setTyped("");
    } catch (e) {
      setError(apiError(e, t).message);
    } finally {
      setChecking(false);
    }
  }

  // Opening the QR code's link (`/?desk=CODE`) prefills the code; the address bar then forgets it.
  useEffect(() => {
    const linked = new URL(window.location.href).searchParams.get("desk");
    if (!linked) return;
    replaceSearchParam("desk", null);
    setTyped(linked);
    void apply(linked);
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!scanning) return;
    const stop = new AbortController();
    let stream: MediaStream | null = null;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stop.signal.aborted || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        scanVideo(
          video.current,
          (text) => {
            const code = deskCodeFromScan(text);
            if (!code) {
              setError(t("deskCode.notQr"));
              return false;
            }
            setScanning(false);
            void apply(code);
            return true;
          },
          stop.signal,
        );
      } catch (e) {
        setScanning(false);
        setError(t("deskCode.cameraFailed", { reason: e instanceof Error ? e.name : String(e) }));
      }
    })();
    return () => {
      stop.abort();
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    // t and apply are stable enough for one scanning session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanning]);

  return (
    <fieldset className="desk-code-field" data-testid="desk-code-field">
      <legend>{t("deskCode.sendHeading")}</legend>
      {locationUnavailable && !target ? (
        <p className="alert info" role="status" data-testid="desk-code-offer">
          {t("deskCode.locationHint")}
        </p>
      ) : (
        <p className="muted small">{t("deskCode.sendIntro")}</p>
      )}
      {target ? (
        <div className="row">
          <p role="status" data-testid="desk-code-target" data-code={target.code}>
            {t("deskCode.target", { name: target.displayName, code: formatDeskCode(target.code) })}
          </p>
          <button type="button" className="button secondary" onClick={() => onTarget(null)} data-testid="desk-code-clear">
            {t("deskCode.clear")}
          </button>
        </div>
      ) : (
        <>
          <TextField
            label={t("deskCode.field")}
            value={typed}
            onChange={setTyped}
            placeholder={t("deskCode.placeholder")}
            autoCapitalize="characters"
            autoComplete="off"
            mono
            testId="desk-code-input"
          />
          <div className="row">
            <button type="button" className="button" onClick={() => void apply(typed)} disabled={checking} data-testid="desk-code-use">
              {checking ? t("deskCode.checking") : t("deskCode.use")}
            </button>
            <button type="button" className="button secondary" onClick={() => setScanning((s) => !s)} data-testid="desk-code-scan">
              {scanning ? t("deskCode.stopScan") : t("deskCode.scan")}
            </button>
          </div>
          {scanning ? (
            <>
              <p className="small muted">{t("deskCode.scanning")}</p>
              <video ref={video} className="desk-code-video" muted playsInline aria-label={t("deskCode.scanVideo")} data-testid="desk-code-video" />
            </>
          ) : null}
        </>
      )}
      <FormAlert message={error} testId="desk-code-error" />
    </fieldset>
  );
}

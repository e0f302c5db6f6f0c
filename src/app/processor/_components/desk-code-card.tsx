"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { deskLink, formatDeskCode } from "~/shared/desk-code/desk-code";
import { FormAlert } from "../../_components/field";
import { QrCanvas } from "../../_components/qr-code";
import { useT } from "../../_i18n/provider";
import { apiError } from "../../_lib/errors";

/** The desk's code and a QR code of its link, to print at the counter; "renew" makes a new one. */
export function DeskCodeCard() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const code = useQuery(trpc.processor.deskCode.queryOptions());
  const renew = useMutation(trpc.processor.renewDeskCode.mutationOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The link names this server's own origin, known only in the browser.
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);

  async function renewCode() {
    if (!window.confirm(t("deskCode.renewConfirm"))) return;
    setError(null);
    try {
      const next = await renew.mutateAsync();
      queryClient.setQueryData(trpc.processor.deskCode.queryKey(), next);
      setNotice(t("deskCode.renewed"));
    } catch (e) {
      setError(apiError(e, t).message);
    }
  }

  if (code.isError) return <FormAlert message={apiError(code.error, t).message} />;
  const link = code.data && origin ? deskLink(origin, code.data.code) : null;
  return (
    <section className="card desk-code-card" aria-labelledby="desk-code-heading" data-testid="desk-code-card">
      <h2 id="desk-code-heading">{t("deskCode.heading")}</h2>
      <p className="muted small">{t("deskCode.intro")}</p>
      {code.data ? (
        <div className="desk-code-row">
          <strong className="desk-code" data-testid="desk-code" data-code={code.data.code}>
            {formatDeskCode(code.data.code)}
          </strong>
          {link ? <QrCanvas text={link} label={t("deskCode.qrLabel", { link })} testId="desk-code-qr" /> : null}
        </div>
      ) : (
        <p className="muted">{t("deskCode.loading")}</p>
      )}
      <button type="button" className="button secondary" onClick={() => void renewCode()} disabled={renew.isPending} data-testid="desk-code-renew">
        {t("deskCode.renew")}
      </button>
      <p role="status" aria-live="polite" className="small muted">
        {notice}
      </p>
      <FormAlert message={error} />
    </section>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { maskedPreview } from "~/shared/business-data";
import { newPhoneKeys } from "~/shared/handover/parties";
import { saveHandover } from "../../_lib/handover-keys";
import { FormAlert } from "../../_components/field";
import { PositionFields } from "../../_components/position-fields";
import { useT } from "../../_i18n/provider";
import type { FieldErrors } from "~/shared/field-errors";
import { apiError, errorsUnder } from "../../_lib/errors";
import { typeLabel } from "../../_lib/format";
import { usePositionInput } from "../../_lib/use-position";
import { useShake } from "../../_lib/use-shake";
import { DeadlineField, type DeadlineValue, deadlineSeconds, initialDeadline, loadDeadline, saveDeadline } from "./deadline-field";
import { DeskCodeField, type DeskTarget } from "./desk-code-field";
import { type Drafts, emptyDrafts, loadDrafts, saveDrafts } from "../_lib/drafts";
import { type EditorValue, ItemEditor, newEditorValue } from "./item-editor";
import { QueuedNote } from "./queued-note";
import { ShakeControl } from "./shake-control";
import { useWhenOnline } from "../_lib/use-online";
import {
  emptyWallet,
  itemBusinessData,
  loadWallet,
  newItemId,
  removeItem,
  saveWallet,
  upsertItem,
  type Wallet,
  type WalletItem,
} from "../_lib/wallet";
import { itemName, WalletList } from "./wallet-list";

/** A fix less precise than this is treated like no fix: the requester places themselves. */
const POOR_ACCURACY_METERS = 100;

/**
 * Step 1 (the data is saved on the phone: the wallet) and steps 2–3 (send the
 * chosen item to the processors nearby, by tap or by shake).
 */
export function SendForm({
  userId,
  identification,
  online,
  onSent,
}: {
  userId: string;
  /** The signed-in account's: sealed into the handover, the one way a desk learns it in full. */
  identification: string;
  online: boolean;
  onSent: (requestId: string) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const [wallet, setWallet] = useState<Wallet>(emptyWallet);
  const [hydrated, setHydrated] = useState(false);
  const [stored, setStored] = useState(true);
  const [editor, setEditor] = useState<EditorValue | null>(null);
  const [deadline, setDeadline] = useState(initialDeadline);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shaken, setShaken] = useState(0);
  const position = usePositionInput({ poorAccuracyMeters: POOR_ACCURACY_METERS, rememberFor: userId });
  const [deskTarget, setDeskTarget] = useState<DeskTarget | null>(null);
  const locationUnavailable = position.geo.status === "denied" || position.geo.status === "unavailable" || position.geo.status === "error";
  const submit = useMutation(trpc.request.submit.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const sending = useRef(false);
  const whenOnline = useWhenOnline();

  // The wallet comes back after mount (localStorage is not there during server rendering).
  useEffect(() => {
    let loaded = loadWallet(userId);
    if (loaded.items.length === 0) loaded = importOldDrafts(userId);
    setWallet(loaded);
    setEditor(loaded.items.length === 0 ? newEditorValue() : null);
    setDeadline(loadDeadline());
    setHydrated(true);
  }, [userId]);

  function chooseDeadline(value: DeadlineValue) {
    setDeadline(value);
    saveDeadline(value);
  }

  function commit(next: Wallet) {
    setWallet(next);
    setStored(saveWallet(userId, next));
  }

  const selected = wallet.items.find((i) => i.id === wallet.selectedId) ?? null;

  /** Saves the editor's item on the phone; returns it, or null when it does not validate. */
  function saveEditor(): WalletItem | null {
    if (!editor) return null;
    if (!itemBusinessData(editor).parsed.success) {
      setAttempted(true);
      focusFirstInvalid();
      return null;
    }
    const item = { id: editor.id ?? newItemId(), type: editor.type, fields: editor.fields, updatedAt: new Date().toISOString() } as WalletItem;
    commit(upsertItem(wallet, item));
    setEditor(null);
    setAttempted(false);
    setServerErrors({});
    setNotice(t("wallet.saved"));
    return item;
  }

  function remove(id: string) {
    const item = wallet.items.find((i) => i.id === id);
    if (!item) return;
    const name = itemName(t, item);
    if (!window.confirm(t("wallet.deleteConfirm", { name }))) return;
    const next = removeItem(wallet, id);
    commit(next);
    if (editor?.id === id) setEditor(null);
    if (next.items.length === 0) setEditor(newEditorValue());
    setNotice(t("wallet.deleted", { name }));
  }

  async function send(trigger: "TAP" | "SHAKE") {
    if (sending.current || submit.isPending) return;
    sending.current = true;
    try {
      setFormError(null);
      setNotice(null);
      setAttempted(true);
      let item: WalletItem | null = selected;
      if (editor) {
        item = saveEditor();
        if (!item) {
          setFormError(t("requester.checkFields"));
          return;
        }
      }
      if (!item) {
        setFormError(t("requester.noItem"));
        return;
      }
      const { parsed } = itemBusinessData(item);
      if (!parsed.success) {
        setEditor({ id: item.id, type: item.type, fields: item.fields });
        setFormError(t("requester.checkFields"));
        focusFirstInvalid();
        return;
      }
      const seconds = deadlineSeconds(deadline);
      if (seconds === "invalid") {
        setFormError(t("deadline.customInvalid"));
        return;
      }
      // Sent by desk code, the request goes to that desk whatever the position: none is sent.
      if (!deskTarget && !position.position) {
        setFormError(position.manualMode ? t("requester.manualInvalid") : t("requester.noPosition"));
        return;
      }
      // Checked and ready, but offline: it goes (checked again) once the phone is back online.
      if (!navigator.onLine) {
        whenOnline.queue(() => void send(trigger));
        return;
      }
      // Only the type and the masked preview leave the phone; the data waits here, sealed to the desk once the codes match.
      const businessData = parsed.data;
      const request = await submit.mutateAsync({
        type: businessData.type,
        preview: maskedPreview(businessData),
        ...(deskTarget ? { deskCode: deskTarget.code } : { position: position.position ?? undefined }),
        deadlineSeconds: seconds,
        trigger,
      });
      await saveHandover({ role: "requester", keys: await newPhoneKeys(request.id), businessData, identification });
      setAttempted(false);
      setServerErrors({});
      onSent(request.id);
    } catch (error) {
      const info = apiError(error, t);
      setServerErrors(info.fieldErrors);
      setFormError(info.message);
      const dataErrors = errorsUnder(info.fieldErrors, "businessData");
      const failed = wallet.items.find((i) => i.id === wallet.selectedId);
      if (Object.keys(dataErrors).length > 0 && failed && !editor) setEditor({ id: failed.id, type: failed.type, fields: failed.fields });
      focusFirstInvalid();
    } finally {
      sending.current = false;
    }
  }

  // After the render that marks the fields invalid, move focus to the first one.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const focusFirstInvalid = () => setFocusRequest((n) => n + 1);

  const shake = useShake(() => {
    setShaken((n) => n + 1);
    void send("SHAKE");
  }, hydrated);

  const busy = submit.isPending;
  const deskCodeField = <DeskCodeField target={deskTarget} onTarget={setDeskTarget} locationUnavailable={locationUnavailable} />;
  const sendingType = editor?.type ?? selected?.type ?? null;

  return (
    <form
      ref={formRef}
      className="card requester-form"
      noValidate
      aria-labelledby="send-heading"
      data-testid="send-form"
      data-hydrated={hydrated}
      onSubmit={(e) => {
        e.preventDefault();
        if ("vibrate" in navigator) navigator.vibrate?.(30);
        void send("TAP");
      }}
    >
      <h1 id="send-heading">{t("requester.heading")}</h1>
      <p className="muted small">{t("requester.intro")}</p>
      {/* Without a location, the desk code is the way through: offered first. */}
      {locationUnavailable ? deskCodeField : null}

      <section className="wallet" aria-labelledby="wallet-heading" data-testid="wallet">
        <div className="wallet-head">
          <h2 id="wallet-heading">{t("wallet.heading")}</h2>
          {wallet.items.length > 0 && !editor ? (
            <button type="button" className="button secondary" onClick={() => setEditor(newEditorValue())} data-testid="wallet-add">
              {t("wallet.add")}
            </button>
          ) : null}
        </div>
        <p className="muted small">{wallet.items.length > 0 ? t("wallet.hint") : hydrated ? t("wallet.empty") : null}</p>
        {!stored ? <FormAlert tone="warning" message={t("wallet.notStored")} /> : null}
        {wallet.items.length > 0 ? (
          <WalletList
            items={wallet.items}
            selectedId={editor ? null : wallet.selectedId}
            editingId={editor?.id ?? null}
            onSelect={(id) => {
              setEditor(null);
              commit({ ...wallet, selectedId: id });
            }}
            onEdit={(id) => {
              const item = wallet.items.find((i) => i.id === id);
              if (item) setEditor({ id: item.id, type: item.type, fields: item.fields });
              setAttempted(false);
            }}
            onDelete={remove}
          />
        ) : null}
        {editor ? (
          <ItemEditor
            key={editor.id ?? "new"}
            value={editor}
            onChange={(value) => {
              setEditor(value);
              setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("businessData."))));
            }}
            onSave={() => void saveEditor()}
            onCancel={
              wallet.items.length > 0
                ? () => {
                    setEditor(null);
                    setAttempted(false);
                  }
                : null
            }
            showAllErrors={attempted}
            serverErrors={errorsUnder(serverErrors, "businessData")}
          />
        ) : null}
        <p role="status" aria-live="polite" className="small muted" data-testid="wallet-notice">
          {notice}
        </p>
      </section>

      <DeadlineField value={deadline} onChange={chooseDeadline} showErrors={attempted} serverError={serverErrors.deadlineSeconds?.[0]} />

      {locationUnavailable ? null : deskCodeField}

      {deskTarget ? null : <PositionFields input={position} serverErrors={errorsUnder(serverErrors, "position")} showErrors={attempted} withMap />}

      <FormAlert message={formError} testId="send-error" />

      <p className="small muted">{t("requester.savedOnSend")}</p>
      {/* The big button stays under the thumb (sticky at the bottom of the screen). */}
      <div className="send-dock">
        {whenOnline.queued ? (
          <QueuedNote onDrop={whenOnline.drop} testId="send-queued" />
        ) : !online ? (
          <p className="alert warning" role="status" data-testid="send-offline">
            {t("network.offline")}
          </p>
        ) : null}
        <button
          type="submit"
          className={busy ? "button big send-button sending" : "button big send-button"}
          disabled={busy || whenOnline.queued}
          aria-busy={busy}
          aria-describedby={!online ? "send-offline-reason" : undefined}
          data-testid="tap-to-send"
          // Keeps focus (and the layout) where it is until the click lands: a field's blur would show its error and move the button away.
          onMouseDown={(e) => e.preventDefault()}
        >
          {busy ? t("requester.sending") : !online ? t("requester.sendWhenOnline") : t("requester.tapToSend")}
        </button>
        <span id="send-offline-reason" className="visually-hidden">
          {!online ? t("network.offline") : ""}
        </span>
        <p role="status" aria-live="assertive" className="sending-note" data-testid="sending-note">
          {busy && sendingType ? t("requester.sendingTo", { type: typeLabel(t, sendingType) }) : ""}
        </p>
      </div>
      <ShakeControl shake={shake} online={online} shaken={shaken} busy={busy} />
    </form>
  );
}

/** Details remembered by the earlier single form become the first items of the wallet. */
function importOldDrafts(userId: string): Wallet {
  const drafts = loadDrafts(userId);
  if (!drafts) return emptyWallet;
  let wallet = emptyWallet;
  for (const type of Object.keys(emptyDrafts) as Array<keyof Drafts>) {
    const fields = drafts[type] as Record<string, string>;
    const empty = emptyDrafts[type] as Record<string, string>;
    if (Object.keys(fields).every((k) => fields[k] === empty[k])) continue;
    wallet = upsertItem(wallet, { id: newItemId(), type, fields: drafts[type], updatedAt: new Date().toISOString() });
  }
  if (wallet.items.length > 0 && saveWallet(userId, wallet)) saveDrafts(userId, null);
  return wallet;
}

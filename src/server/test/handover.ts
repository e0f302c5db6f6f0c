import "server-only";
import { type BusinessData, businessDataSchema } from "~/shared/business-data";
import type { HandoverChannel } from "~/shared/handover/protocol";
import {
  type DeskKeys,
  deskChannel,
  newDeskKeys,
  newPhoneKeys,
  openAnswer,
  openHandover,
  phoneChannel,
  sealAnswer,
  sealHandover,
} from "~/shared/handover/parties";
import type { createCaller } from "../api/root";

type Caller = ReturnType<typeof createCaller>;

/**
 * The protocol as the phone and the desk run it, over router callers: the
 * router tests drive every exchange through it, as the screens do.
 */
export async function selectWithKeys(processor: Caller, request: { id: string; identificationHandle: string }): Promise<DeskKeys> {
  const keys = await newDeskKeys(request.id);
  await processor.exchange.select({ requestId: request.id, identificationHandle: request.identificationHandle, commitment: keys.commitment });
  return keys;
}

export interface AgreedChannels {
  phone: HandoverChannel;
  desk: HandoverChannel;
}

/** The phone sends its key, the desk reveals its own, and each side derives its channel (and code) by itself. */
export async function agreeKeys(requester: Caller, processor: Caller, desk: DeskKeys): Promise<AgreedChannels> {
  const requestId = desk.requestId;
  const phoneKeys = await newPhoneKeys(requestId);
  await requester.exchange.sendKey({ requestId, publicKey: phoneKeys.publicKey });
  await processor.exchange.revealKey({ requestId, publicKey: desk.publicKey, nonce: desk.nonce });
  return { desk: await deskChannel(desk, phoneKeys.publicKey), phone: await phoneChannel(phoneKeys, desk.commitment, desk) };
}

/** The requester confirms the code: the data, sealed to the desk. */
export async function confirmWith(requester: Caller, channels: AgreedChannels, requestId: string, raw: unknown, identification: string) {
  const data: BusinessData = businessDataSchema.parse(raw);
  await requester.exchange.confirm({ requestId, sealed: await sealHandover(channels.phone, data, identification) });
}

export { openAnswer, openHandover, sealAnswer };

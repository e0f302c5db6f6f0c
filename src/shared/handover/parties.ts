import { z } from "zod";
import { type BusinessData, businessDataSchema, maskedPreview, type PaymentAnswer, paymentAnswerSchema } from "../business-data";
import { commit, generateKeyPair, HandoverError, type HandoverChannel, openChannel, type SealedMessage, verifyCommitment } from "./protocol";

/**
 * The two parties' steps over the protocol, as the phone, the desk and the
 * Node test clients take them. Keys are plain objects so a browser can keep
 * them in IndexedDB (the private key stays a non-extractable CryptoKey).
 */

export interface DeskKeys {
  requestId: string;
  privateKey: CryptoKey;
  publicKey: string;
  nonce: string;
  commitment: string;
}

export interface PhoneKeys {
  requestId: string;
  privateKey: CryptoKey;
  publicKey: string;
}

/** Before exchange.select: a fresh key pair and the commitment select carries. */
export async function newDeskKeys(requestId: string): Promise<DeskKeys> {
  const { privateKey, publicKey } = await generateKeyPair();
  const { commitment, nonce } = await commit(requestId, publicKey);
  return { requestId, privateKey, publicKey, nonce, commitment };
}

export async function newPhoneKeys(requestId: string): Promise<PhoneKeys> {
  return { requestId, ...(await generateKeyPair()) };
}

/** The desk's channel once the phone's key arrived. */
export function deskChannel(keys: DeskKeys, requesterKey: string): Promise<HandoverChannel> {
  return openChannel({ requestId: keys.requestId, role: "processor", privateKey: keys.privateKey, requesterKey, processorKey: keys.publicKey });
}

/** The phone's channel once the desk revealed its key: only if the reveal matches the commitment made at select. */
export async function phoneChannel(keys: PhoneKeys, commitment: string, reveal: { publicKey: string; nonce: string }): Promise<HandoverChannel> {
  await verifyCommitment(keys.requestId, commitment, reveal.publicKey, reveal.nonce);
  return openChannel({
    requestId: keys.requestId,
    role: "requester",
    privateKey: keys.privateKey,
    requesterKey: keys.publicKey,
    processorKey: reveal.publicKey,
  });
}

/** What the phone seals to the desk: the data, and the requester's identification, which the server never gives a desk. */
const handoverSchema = z.object({ businessData: businessDataSchema, requesterIdentification: z.string().min(1).max(64) });
const answerSchema = z.object({ answer: paymentAnswerSchema });

export function sealHandover(channel: HandoverChannel, businessData: BusinessData, requesterIdentification: string): Promise<SealedMessage> {
  return channel.seal({ businessData, requesterIdentification });
}

export interface OpenedHandover {
  businessData: BusinessData;
  requesterIdentification: string;
  /** False when the data is not what the preview the desk chose from describes. */
  previewMatches: boolean;
}

/**
 * The desk opens the handover and validates it with the same validators the
 * phone used (check digits included), then compares it with the preview it chose.
 */
export async function openHandover(channel: HandoverChannel, sealed: SealedMessage, chosenPreview: string | null): Promise<OpenedHandover> {
  const parsed = handoverSchema.safeParse(await channel.open(sealed));
  if (!parsed.success) {
    throw new HandoverError("BAD_MESSAGE", `The data received does not validate: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const { businessData, requesterIdentification } = parsed.data;
  return { businessData, requesterIdentification, previewMatches: chosenPreview === null || maskedPreview(businessData) === chosenPreview };
}

export function sealAnswer(channel: HandoverChannel, answer: PaymentAnswer): Promise<SealedMessage> {
  return channel.seal({ answer });
}

export async function openAnswer(channel: HandoverChannel, sealed: SealedMessage): Promise<PaymentAnswer> {
  const parsed = answerSchema.safeParse(await channel.open(sealed));
  if (!parsed.success) throw new HandoverError("BAD_MESSAGE", "The payment confirmation received does not validate.");
  return parsed.data.answer;
}

import { describe, expect, it } from "vitest";
import { commit, generateKeyPair, HandoverError, openChannel, type SealedMessage, shortCode, verifyCommitment } from "./protocol";

const requestId = "5b0c3f0e-1d2a-4c8e-9a51-7f6f3b2d1c00";
const account = { type: "BANK_ACCOUNT", holderName: "Jane Smith", bankName: "West Bank", accountNumber: "GB82WEST12345698765432" };

/** The honest protocol, both ends in one process, as the phone and the desk run it. */
async function honestRun() {
  const desk = await generateKeyPair();
  const { commitment, nonce } = await commit(requestId, desk.publicKey);
  const phone = await generateKeyPair();
  await verifyCommitment(requestId, commitment, desk.publicKey, nonce);
  const phoneChannel = await openChannel({
    requestId,
    role: "requester",
    privateKey: phone.privateKey,
    requesterKey: phone.publicKey,
    processorKey: desk.publicKey,
  });
  const deskChannel = await openChannel({
    requestId,
    role: "processor",
    privateKey: desk.privateKey,
    requesterKey: phone.publicKey,
    processorKey: desk.publicKey,
  });
  return { phoneChannel, deskChannel, phone, desk };
}

async function failure(promise: Promise<unknown>): Promise<HandoverError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandoverError);
  return error as HandoverError;
}

describe("the handover protocol", () => {
  it("gives both sides the same 6-digit code and round-trips the data both ways", async () => {
    const { phoneChannel, deskChannel } = await honestRun();
    expect(phoneChannel.code).toMatch(/^\d{6}$/);
    expect(deskChannel.code).toBe(phoneChannel.code);

    const sealed = await phoneChannel.seal({ businessData: account });
    expect(JSON.stringify(sealed)).not.toContain("12345698765432");
    expect(await deskChannel.open(sealed)).toEqual({ businessData: account });

    const answer = { paymentReference: "PAY-1", amount: "12.00", currency: "EUR", payer: "Desk 4" };
    expect(await phoneChannel.open(await deskChannel.seal({ answer }))).toEqual({ answer });
  });

  it("uses one key per direction: a side cannot open what it sealed itself", async () => {
    const { phoneChannel } = await honestRun();
    expect((await failure(phoneChannel.open(await phoneChannel.seal("x")))).code).toBe("TAMPERED");
  });

  it("rejects tampered ciphertext, a message for another request and a reveal that does not match the commitment", async () => {
    const { phoneChannel, deskChannel, desk } = await honestRun();
    const sealed = await phoneChannel.seal({ businessData: account });
    const bytes = sealed.ciphertext.split("");
    bytes[5] = bytes[5] === "A" ? "B" : "A";
    expect((await failure(deskChannel.open({ ...sealed, ciphertext: bytes.join("") }))).code).toBe("TAMPERED");

    const elsewhere: SealedMessage = { ...sealed, requestId: "another-request" };
    const wrong = await failure(deskChannel.open(elsewhere));
    expect(wrong.code).toBe("WRONG_REQUEST");
    // Sealed honestly for another request (other associated data): it does not open here either.
    const other = await openChannel({
      requestId: "another-request",
      role: "requester",
      privateKey: (await generateKeyPair()).privateKey,
      requesterKey: desk.publicKey,
      processorKey: desk.publicKey,
    });
    expect((await failure(deskChannel.open({ ...(await other.seal("x")), requestId }))).code).toBe("TAMPERED");

    const { commitment, nonce } = await commit(requestId, desk.publicKey);
    const impostor = await generateKeyPair();
    expect((await failure(verifyCommitment(requestId, commitment, impostor.publicKey, nonce))).code).toBe("COMMITMENT_MISMATCH");
    expect((await failure(verifyCommitment("another-request", commitment, desk.publicKey, nonce))).code).toBe("COMMITMENT_MISMATCH");
  });

  it("rejects a public key that is not a P-256 point", async () => {
    const phone = await generateKeyPair();
    expect((await failure(shortCode(requestId, phone.publicKey, "AAAA"))).code).toBe("BAD_KEY");
    const offCurve = `BA${"A".repeat(85)}`;
    const error = await failure(
      openChannel({ requestId, role: "requester", privateKey: phone.privateKey, requesterKey: phone.publicKey, processorKey: offCurve }),
    );
    expect(error.code).toBe("BAD_KEY");
  });

  it("makes the codes differ when a relay substitutes either public key: 10,000 simulated attacks", { timeout: 120_000 }, async () => {
    const ATTACKS = 10_000;
    let matched = 0;
    let swappedRequester = 0;
    let swappedProcessor = 0;
    for (let i = 0; i < ATTACKS; i++) {
      const id = `attack-${i}`;
      // The desk commits honestly; the relay forwards its own commitment instead, made before it sees the phone's key.
      const desk = await generateKeyPair();
      const deskCommitment = await commit(id, desk.publicKey);
      const towardPhone = await generateKeyPair();
      const relayCommitment = await commit(id, towardPhone.publicKey);
      const phone = await generateKeyPair();
      // Toward the desk the relay must send a key before the desk reveals its own (it only holds the desk's commitment).
      const towardDesk = await generateKeyPair();
      // The desk reveals; the relay reveals the key it committed to toward the phone, which verifies.
      await verifyCommitment(id, relayCommitment.commitment, towardPhone.publicKey, relayCommitment.nonce);
      await verifyCommitment(id, deskCommitment.commitment, desk.publicKey, deskCommitment.nonce);
      const phoneCode = await shortCode(id, phone.publicKey, towardPhone.publicKey);
      const deskCode = await shortCode(id, towardDesk.publicKey, desk.publicKey);
      if (phoneCode === deskCode) matched++;
      // Substituting one key only: the phone's toward the desk, or the desk's toward the phone.
      if ((await shortCode(id, phone.publicKey, desk.publicKey)) === (await shortCode(id, towardDesk.publicKey, desk.publicKey))) swappedRequester++;
      if ((await shortCode(id, phone.publicKey, towardPhone.publicKey)) === (await shortCode(id, phone.publicKey, desk.publicKey)))
        swappedProcessor++;
    }
    console.log(
      `${ATTACKS} simulated relay attacks: ${matched} full swaps, ${swappedRequester} requester-key and ${swappedProcessor} processor-key swaps gave matching codes (10^-6 per attempt predicts 0)`,
    );
    // 10^-6 each: three matches in 30,000 attempts would already be a one in 220,000 event.
    expect(matched + swappedRequester + swappedProcessor).toBeLessThanOrEqual(2);
  });

  it("spreads codes evenly over 000000-999999 (leading zeros kept)", async () => {
    const phone = await generateKeyPair();
    const firstDigits = new Array<number>(10).fill(0);
    for (let i = 0; i < 2000; i++) {
      const code = await shortCode(`spread-${i}`, phone.publicKey, phone.publicKey);
      expect(code).toMatch(/^\d{6}$/);
      firstDigits[Number(code[0])]!++;
    }
    for (const count of firstDigits) expect(count).toBeGreaterThan(120);
  });
});

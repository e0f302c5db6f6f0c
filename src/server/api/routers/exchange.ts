import "server-only";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { env } from "~/env";
import { commitmentSchema, nonceSchema, publicKeySchema, sealedMessageSchema } from "~/shared/handover/messages";
import { actInSession, openExchangesOf, openSessionStream, selectRequest } from "../../exchange/service";
import type { SessionEvent } from "../../exchange/session-log";
import { createTRPCRouter, protectedProcedure, streamSignal } from "../trpc";
import { eventIdSchema, requestIdSchema } from "./ids.schema";

const sessionInput = z.object({ requestId: requestIdSchema });

export const exchangeRouter = createTRPCRouter({
  /**
   * Claims 1 and 6: the processor names the requester it picked, by the opaque
   * handle its list gave, and commits to its handover key; exactly one processor wins.
   */
  select: protectedProcedure
    .meta({ limit: "select", outcomes: "selects" })
    .input(z.object({ requestId: requestIdSchema, identificationHandle: z.string().trim().min(1).max(64), commitment: commitmentSchema }))
    .mutation(({ ctx, input }) => selectRequest(ctx, ctx.actor, input, env().PAIRING_TIMEOUT_SECONDS)),

  /** The processor's exchanges in progress, to resume one after navigating away. */
  mine: protectedProcedure.meta({ limit: "read" }).query(({ ctx }) => openExchangesOf(ctx, ctx.actor)),

  /** The requester's phone sends its public key, after the desk committed to its own. */
  sendKey: protectedProcedure
    .input(sessionInput.extend({ publicKey: publicKeySchema }))
    .mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "sendKey", publicKey: input.publicKey })),

  /** The desk reveals the public key it committed to, and the commitment's nonce. */
  revealKey: protectedProcedure
    .input(sessionInput.extend({ publicKey: publicKeySchema, nonce: nonceSchema }))
    .mutation(({ ctx, input }) =>
      actInSession(ctx, ctx.actor, input.requestId, { kind: "revealKey", publicKey: input.publicKey, nonce: input.nonce }),
    ),

  /** The requester saw the same short code on both screens: the business data, sealed to the desk. */
  confirm: protectedProcedure
    .input(sessionInput.extend({ sealed: sealedMessageSchema }))
    .mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "confirm", sealed: input.sealed })),

  refuse: protectedProcedure.input(sessionInput).mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "refuse" })),

  /** The paired desk lets the requester go before the code was confirmed: the request is open again for other desks. */
  release: protectedProcedure.input(sessionInput).mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "release" })),

  /** The payment confirmation, sealed to the requester's phone. */
  sendPaymentConfirmation: protectedProcedure
    .input(sessionInput.extend({ sealed: sealedMessageSchema }))
    .mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "sendPaymentConfirmation", sealed: input.sealed })),

  acknowledge: protectedProcedure
    .input(sessionInput)
    .mutation(({ ctx, input }) => actInSession(ctx, ctx.actor, input.requestId, { kind: "acknowledge" })),

  /**
   * Claims 1 and 7: the paired session as tracked events. tRPC sends each id
   * as the SSE event id and hands it back as `lastEventId` on reconnect.
   */
  session: protectedProcedure
    .meta({ limit: "stream" })
    .input(sessionInput.extend({ lastEventId: eventIdSchema.nullish() }))
    .subscription(async ({ ctx, input, signal }) => {
      const events = await openSessionStream(ctx, ctx.actor, input.requestId, input.lastEventId ?? 0, await streamSignal(ctx, signal));
      return trackedEvents(events);
    }),
});

async function* trackedEvents(events: AsyncGenerator<SessionEvent>) {
  for await (const event of events) yield tracked(String(event.id), event);
}

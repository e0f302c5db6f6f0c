import "server-only";
import { z } from "zod";
import { businessDataTypes } from "~/shared/business-data";
import { listByType, openLiveList } from "../../listing/service";
import { createTRPCRouter, protectedProcedure, streamSignal } from "../trpc";

export const listRouter = createTRPCRouter({
  /** Claim 4 (pull): open requests of one type within the processor's radius, nearest first. */
  byType: protectedProcedure
    .meta({ limit: "list" })
    .input(z.object({ type: z.enum(businessDataTypes, "Choose a business data type.") }))
    .query(({ ctx, input }) => listByType(ctx, ctx.actor, input.type)),

  /**
   * Claim 2 (push). Not tracked: every (re)connection starts with a snapshot,
   * the whole state, so there is nothing to resume.
   */
  live: protectedProcedure
    .meta({ limit: "stream" })
    .subscription(async ({ ctx, signal }) => openLiveList(ctx, ctx.actor, await streamSignal(ctx, signal))),
});

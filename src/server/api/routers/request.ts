import "server-only";
import { z } from "zod";
import { businessDataTypes, isPreviewShape, MAX_PREVIEW_LENGTH } from "~/shared/business-data";
import { deadlineSecondsSchema } from "~/shared/deadline/deadline";
import { positionSchema } from "~/shared/geo/distance";
import { deskCodeSchema } from "~/shared/desk-code/desk-code";
import { findDeskByCode } from "../../processors/service";
import { requestReach } from "../../requests/reach";
import { cancelRequest, myRequests, submitRequest } from "../../requests/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { requestIdSchema } from "./ids.schema";

export const requestRouter = createTRPCRouter({
  /** Claims 1 and 3: the identification comes from the session, never from this input. */
  submit: protectedProcedure
    .meta({ limit: "submit", outcomes: "submits" })
    .input(
      z
        .object({
          type: z.enum(businessDataTypes, "Choose a business data type."),
          preview: z.string().min(1).max(MAX_PREVIEW_LENGTH),
          position: positionSchema
            .extend({
              accuracyMeters: z.number().finite().nonnegative("Accuracy cannot be negative.").max(1_000_000).nullish(),
            })
            .optional(),
          deskCode: deskCodeSchema.optional(),
          deadlineSeconds: deadlineSecondsSchema,
          trigger: z.enum(["SHAKE", "TAP"], "Send by SHAKE or TAP."),
        })
        // The phone computes the preview; the server can check no more than its shape (it never sees the data).
        .refine((input) => isPreviewShape(input.type, input.preview), {
          path: ["preview"],
          message: "That is not a masked preview of this type of data.",
        })
        .refine((input) => input.position !== undefined || input.deskCode !== undefined, {
          path: ["position"],
          message: "Place yourself on the map, or send to a desk by its code.",
        }),
    )
    .mutation(async ({ ctx, input }) => {
      // A code sent is a code looked up: guessing by sending counts like guessing by looking up.
      if (input.deskCode !== undefined) await ctx.limits.consume("deskCode", ctx.actor.userId);
      return submitRequest(ctx, ctx.actor, input);
    }),

  /** The desk a typed or scanned code names (its display name), before sending to it; counted against RATE_LIMIT_DESK_CODE. */
  findDesk: protectedProcedure
    .meta({ limit: "deskCode" })
    .input(z.object({ code: deskCodeSchema }))
    .query(async ({ ctx, input }) => ({ displayName: (await findDeskByCode(ctx, ctx.actor, input.code)).displayName })),

  cancel: protectedProcedure
    .input(z.object({ requestId: requestIdSchema }))
    .mutation(({ ctx, input }) => cancelRequest(ctx, ctx.actor, input.requestId)),

  mine: protectedProcedure.meta({ limit: "read" }).query(({ ctx }) => myRequests(ctx, ctx.actor)),

  /** How many processors in range (of the request's type) it reached. */
  reach: protectedProcedure
    .meta({ limit: "read" })
    .input(z.object({ requestId: requestIdSchema }))
    .query(({ ctx, input }) => requestReach(ctx, ctx.actor, input.requestId)),
});

import "server-only";
import { z } from "zod";
import { businessDataTypes, isPreviewShape, MAX_PREVIEW_LENGTH } from "~/shared/business-data";
import { deadlineSecondsSchema } from "~/shared/deadline/deadline";
import { positionSchema } from "~/shared/geo/distance";
import { requestReach } from "../../requests/reach";
import { cancelRequest, myRequests, submitRequest } from "../../requests/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { requestIdSchema } from "./ids.schema";

export const requestRouter = createTRPCRouter({
  /** Claims 1 and 3: the identification comes from the session, never from this input. */
  submit: protectedProcedure
    .meta({ limit: "submit" })
    .input(
      z
        .object({
          type: z.enum(businessDataTypes, "Choose a business data type."),
          preview: z.string().min(1).max(MAX_PREVIEW_LENGTH),
          position: positionSchema.extend({
            accuracyMeters: z.number().finite().nonnegative("Accuracy cannot be negative.").max(1_000_000).nullish(),
          }),
          deadlineSeconds: deadlineSecondsSchema,
          trigger: z.enum(["SHAKE", "TAP"], "Send by SHAKE or TAP."),
        })
        // The phone computes the preview; the server can check no more than its shape (it never sees the data).
        .refine((input) => isPreviewShape(input.type, input.preview), {
          path: ["preview"],
          message: "That is not a masked preview of this type of data.",
        }),
    )
    .mutation(({ ctx, input }) => submitRequest(ctx, ctx.actor, input)),

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

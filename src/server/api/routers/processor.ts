import "server-only";
import { z } from "zod";
import { businessDataTypes } from "~/shared/business-data";
import { positionSchema } from "~/shared/geo/distance";
import { DEFAULT_RADIUS_METERS, deskCodeOf, findRegistration, MAX_RADIUS_METERS, registerProcessor, renewDeskCode } from "../../processors/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const processorRouter = createTRPCRouter({
  register: protectedProcedure
    .input(
      positionSchema.extend({
        radiusMeters: z
          .number()
          .int("The radius is a whole number of metres.")
          .min(100, "The radius must be at least 100 m.")
          .max(MAX_RADIUS_METERS, `The radius can be at most ${MAX_RADIUS_METERS / 1000} km.`)
          .default(DEFAULT_RADIUS_METERS),
        types: z
          .array(z.enum(businessDataTypes))
          .min(1, "Choose at least one type of business data you process.")
          .default([...businessDataTypes])
          .transform((types) => [...new Set(types)]),
      }),
    )
    .mutation(({ ctx, input }) => registerProcessor(ctx, ctx.actor, input)),

  registration: protectedProcedure.query(({ ctx }) => findRegistration(ctx, ctx.actor.userId)),

  /** The desk's code for its counter and QR code; made on first ask. */
  deskCode: protectedProcedure.query(({ ctx }) => deskCodeOf(ctx, ctx.actor)),

  /** A new code; the old one stops working at once. */
  renewDeskCode: protectedProcedure.mutation(({ ctx }) => renewDeskCode(ctx, ctx.actor)),
});

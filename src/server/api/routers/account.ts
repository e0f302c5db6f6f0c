import "server-only";
import { z } from "zod";
import { accountRoleSchema } from "~/shared/account-role";
import { problemIssue } from "~/shared/problem";
import { displayNameSchema, parseIdentification } from "../../accounts/identification";
import { passwordSchema } from "../../accounts/password";
import { roleOf, signUp } from "../../accounts/service";
import { findRegistration } from "../../processors/service";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

const identificationInput = z
  .string()
  .trim()
  .min(1, "Enter a phone number (with country code) or a username.")
  .max(64, "That is too long for a phone number or a username.")
  .superRefine((value, ctx) => {
    const parsed = parseIdentification(value);
    if (parsed.kind === "invalid") ctx.issues.push(problemIssue(parsed.problem, value));
  });

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure
    .meta({ limit: "signUp" })
    // Without a role (older clients, scripts) the account is a customer's, as the column defaults.
    .input(
      z.object({
        identification: identificationInput,
        displayName: displayNameSchema,
        password: passwordSchema,
        role: accountRoleSchema.default("CUSTOMER"),
      }),
    )
    .mutation(({ ctx, input }) => signUp(ctx, input)),

  me: protectedProcedure.meta({ limit: "read" }).query(async ({ ctx }) => ({
    ...ctx.actor,
    role: (await roleOf(ctx, ctx.actor.userId)) ?? "CUSTOMER",
    registration: await findRegistration(ctx, ctx.actor.userId),
  })),
});

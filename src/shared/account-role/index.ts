import { z } from "zod";

/**
 * What an account signed up to do: a customer sends their details from the
 * phone (`/`), a shop desk receives them (`/processor`). It picks where the
 * account lands and which tabs the header offers; either screen stays open to
 * both, since one account may act in both roles.
 */
export const accountRoleSchema = z.enum(["CUSTOMER", "DESK"]);

export type AccountRole = z.infer<typeof accountRoleSchema>;

/** The screen an account of this role works on. */
export function homeOf(role: AccountRole): "/" | "/processor" {
  return role === "DESK" ? "/processor" : "/";
}

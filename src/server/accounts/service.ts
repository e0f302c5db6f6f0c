import "server-only";
import type { AccountRole } from "~/shared/account-role";
import { Prisma } from "../db/generated/client";
import type { ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { parseIdentification } from "./identification";
import { hashPassword, verifyPassword } from "./password";

export interface AccountSummary {
  id: string;
  identification: string;
  displayName: string;
  role: AccountRole;
}

const accountSelect = { id: true, identification: true, displayName: true, role: true } satisfies Prisma.UserSelect;

export async function signUp(
  deps: Pick<ServerDeps, "db">,
  input: { identification: string; displayName: string; password: string; role?: AccountRole },
): Promise<AccountSummary> {
  const parsed = parseIdentification(input.identification);
  if (parsed.kind === "invalid") throw new DomainError("BAD_REQUEST", "INVALID_IDENTIFICATION", parsed.message);
  const identification = parsed.kind === "phone" ? parsed.phoneNumber : parsed.username;
  try {
    return await deps.db.user.create({
      data: {
        identification,
        phoneNumber: parsed.kind === "phone" ? parsed.phoneNumber : null,
        username: parsed.kind === "username" ? parsed.username : null,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        role: input.role ?? "CUSTOMER",
      },
      select: accountSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("CONFLICT", "IDENTIFICATION_TAKEN", `An account for ${identification} already exists: sign in instead.`);
    }
    throw error;
  }
}

// Verified against when the account does not exist, so a wrong name costs as
// long as a wrong password and response time does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

/** The account an identification names, as stored (E.164 or the username), or null when it is neither. */
export function normalIdentification(input: string): string | null {
  const parsed = parseIdentification(input);
  return parsed.kind === "phone" ? parsed.phoneNumber : parsed.kind === "username" ? parsed.username : null;
}

export async function authenticate(
  deps: Pick<ServerDeps, "db">,
  identificationInput: string,
  password: string,
): Promise<(AccountSummary & { sessionVersion: number }) | null> {
  const identification = normalIdentification(identificationInput);
  const user = identification
    ? await deps.db.user.findUnique({
        where: { identification },
        select: { ...accountSelect, passwordHash: true, sessionVersion: true },
      })
    : null;
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !valid) return null;
  return { id: user.id, identification: user.identification, displayName: user.displayName, role: user.role, sessionVersion: user.sessionVersion };
}

/** The account's role, or null when it no longer exists. */
export async function roleOf(deps: Pick<ServerDeps, "db">, userId: string): Promise<AccountRole | null> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { role: true } });
  return user?.role ?? null;
}

export const demoAccounts = [
  { identification: "demo-requester", displayName: "Demo Requester", password: "demo-requester-pw", role: "CUSTOMER" },
  { identification: "demo-processor", displayName: "Demo Cashier Desk", password: "demo-processor-pw", role: "DESK" },
] as const;

/** On an empty database, creates the demo accounts and returns them; otherwise returns nothing. */
export async function seedDemoAccounts(deps: Pick<ServerDeps, "db">): Promise<typeof demoAccounts | null> {
  if ((await deps.db.user.count()) > 0) return null;
  for (const account of demoAccounts) await signUp(deps, account);
  return demoAccounts;
}

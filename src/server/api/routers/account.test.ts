import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalIdentification } from "../../accounts/service";
import { databaseKinds } from "../../test/databases";
import { type Harness, openHarness } from "../../test/harness";

/** The sign-up a screen sees: its field problems, coded for the screen's language. */
async function signUpProblems(h: Harness, identification: string) {
  try {
    await h.callerFor(null).account.signUp({ identification, displayName: "王小明", password: "correct horse battery" });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error;
  }
  return null;
}

describe.each(databaseKinds)("account.signUp with usernames of any script on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("takes 王小明 and keeps it NFKC-normalised: a full-width spelling is the same account", async () => {
    const name = `王小明${Date.now() % 1e6}`;
    const created = await h.callerFor(null).account.signUp({ identification: name, displayName: "王小明", password: "correct horse battery" });
    expect(created.identification).toBe(name);
    expect(normalIdentification(name)).toBe(name);

    const latin = `ana${Date.now() % 1e6}`;
    await h.callerFor(null).account.signUp({ identification: latin, displayName: "Ana", password: "correct horse battery" });
    // Ｆｕｌｌ-width letters and digits normalise to the plain spelling, which is taken.
    const fullWidth = latin.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const taken = await signUpProblems(h, fullWidth.toUpperCase());
    expect(taken?.code).toBe("CONFLICT");
    expect(normalIdentification(fullWidth)).toBe(latin);
  });

  it.each([
    ["p\u0430ypal", "usernameMixedScripts"],
    ["ali\u200bce", "usernameInvisible"],
    ["_王小明", "usernameStart"],
  ])("refuses %j with the problem %s, before anything is stored", async (identification, code) => {
    const error = await signUpProblems(h, identification);
    expect(error?.code).toBe("BAD_REQUEST");
    const zod = error?.cause as { issues?: Array<{ params?: { problem?: { code: string } } }> } | undefined;
    expect(zod?.issues?.[0]?.params?.problem?.code).toBe(code);
    expect(await h.deps.db.user.count({ where: { displayName: "王小明", identification } })).toBe(0);
  });
});

describe.each(databaseKinds)("account roles on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  it.each(["CUSTOMER", "DESK"] as const)("keeps the role %s chosen at sign-up, and account.me returns it", async (role) => {
    const created = await h
      .callerFor(null)
      .account.signUp({ identification: `role-${suffix()}`, displayName: "Till 2", password: "correct horse battery", role });
    expect(created.role).toBe(role);
    expect((await h.deps.db.user.findUniqueOrThrow({ where: { id: created.id }, select: { role: true } })).role).toBe(role);
    const me = await h.callerFor({ userId: created.id, identification: created.identification }).account.me();
    expect(me.role).toBe(role);
  });

  it("makes a customer's account when no role is given", async () => {
    const created = await h
      .callerFor(null)
      .account.signUp({ identification: `norole-${suffix()}`, displayName: "Ana", password: "correct horse battery" });
    expect(created.role).toBe("CUSTOMER");
    expect((await h.callerFor({ userId: created.id, identification: created.identification }).account.me()).role).toBe("CUSTOMER");
  });

  it.each(["ADMIN", "desk", "", 1, null])("refuses the role %j before anything is stored", async (role) => {
    const identification = `badrole-${suffix()}`;
    const signUp = h.callerFor(null).account.signUp as (input: unknown) => Promise<unknown>;
    const error = await signUp({ identification, displayName: "Eve", password: "correct horse battery", role }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(await h.deps.db.user.count({ where: { identification } })).toBe(0);
  });
});

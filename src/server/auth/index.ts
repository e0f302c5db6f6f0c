import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { type AccountRole, accountRoleSchema } from "~/shared/account-role";
import { lockedCode } from "~/shared/sign-in-lock";
import { authenticate, normalIdentification } from "../accounts/service";
import { endSessions, sessionVersionOf } from "../accounts/sessions";
import { clientAddress } from "../rate-limit/client-address";
import { RateLimitedError } from "../rate-limit/limits";
import { getRuntime } from "../runtime";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface Session {
    user: { id: string; identification: string; sessionVersion: number; role: AccountRole } & DefaultSession["user"];
  }
  interface User {
    identification?: string;
    sessionVersion?: number;
    role?: AccountRole;
  }
}

const credentialsSchema = z.object({
  identification: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

/** A sign-in refused during a lockout; its code becomes a 429 with Retry-After in the route (app/api/auth). */
class SignInLocked extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = lockedCode(retryAfterSeconds);
  }
}

// A function, so the secret and database are resolved per request, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { identification: { label: "Phone number or username" }, password: { label: "Password", type: "password" } },
      /**
       * The one place sign-in is limited: each attempt counts against the
       * account and the client's address before the password is checked, and
       * during a lockout even the right password is refused.
       */
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { deps, limits } = await getRuntime();
        const { identification, password } = parsed.data;
        const account = normalIdentification(identification) ?? identification.toLowerCase();
        try {
          const settle = await limits.beginSignIn(account, clientAddress(request.headers));
          const user = await authenticate(deps, identification, password);
          await settle(user !== null);
          return (
            user && { id: user.id, name: user.displayName, identification: user.identification, sessionVersion: user.sessionVersion, role: user.role }
          );
        } catch (error) {
          if (error instanceof RateLimitedError) throw new SignInLocked(error.retryAfterSeconds);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    /** Runs on every request that reads the session: a cookie from before the account's last sign-out is refused. */
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.identification = user.identification;
        token.sessionVersion = user.sessionVersion ?? 0;
        // The role is fixed at sign-up, so the cookie may carry it.
        token.role = user.role ?? "CUSTOMER";
        return token;
      }
      if (!token.sub || typeof token.sessionVersion !== "number") return null;
      const { deps } = await getRuntime();
      return (await sessionVersionOf(deps, token.sub)) === token.sessionVersion ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.identification = typeof token.identification === "string" ? token.identification : "";
      session.user.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : -1;
      // Cookies from before roles existed read as a customer's.
      session.user.role = accountRoleSchema.catch("CUSTOMER").parse(token.role);
      return session;
    },
  },
  events: {
    /** Signing out ends every session of the account, and its open streams. */
    async signOut(message) {
      const userId = "token" in message ? message.token?.sub : undefined;
      if (!userId) return;
      const { deps } = await getRuntime();
      await endSessions(deps, userId);
    },
  },
}));

import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "../accounts/service";
import { getRuntime } from "../runtime";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface Session {
    user: { id: string; identification: string } & DefaultSession["user"];
  }
  interface User {
    identification?: string;
  }
}

const credentialsSchema = z.object({
  identification: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

// A function, so the secret and database are resolved per request, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { identification: { label: "Phone number or username" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { deps } = await getRuntime();
        const account = await authenticate(deps, parsed.data.identification, parsed.data.password);
        return account && { id: account.id, name: account.displayName, identification: account.identification };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.identification = user.identification;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.identification = typeof token.identification === "string" ? token.identification : "";
      return session;
    },
  },
}));

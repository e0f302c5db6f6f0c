import type { Session } from "next-auth";
import { AppHeader } from "./app-header";

/** The header for a signed-in page, from its session: the name others see (else the identification) and the account's role. */
export function SignedInHeader({ user }: { user: Session["user"] }) {
  return <AppHeader displayName={user.name ?? user.identification} identification={user.identification} role={user.role} />;
}

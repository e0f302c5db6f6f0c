import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Nearby Exchange" };

/** Only local paths, so a crafted link cannot send people elsewhere after signing in. */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const session = await auth();
  if (session?.user?.id) redirect(callbackUrl);
  return (
    <main className="auth-page">
      <h1>Sign in</h1>
      <p className="muted">Nearby Exchange hands your bank details, orders and payment confirmations to the person in front of you — nobody types them.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}

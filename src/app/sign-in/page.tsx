import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { homeOf } from "~/shared/account-role";
import { auth } from "~/server/auth";
import { LanguageSwitch } from "../_components/language-switch";
import { serverTranslator } from "../_i18n/server";
import { roleSuggestedBy, safeCallback } from "../_lib/callback-url";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("signIn.title")} · ${t("app.name")}` };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Arriving from the desk without a callback (?from=processor) still returns there.
  const callbackUrl = safeCallback(params.callbackUrl) ?? (roleSuggestedBy(null, params.from) === "DESK" ? "/processor" : null);
  const session = await auth();
  if (session?.user?.id) redirect(callbackUrl ?? homeOf(session.user.role));
  const t = await serverTranslator();
  return (
    <main className="auth-page">
      <LanguageSwitch />
      <h1>{t("signIn.title")}</h1>
      <p className="muted">{t("signIn.intro")}</p>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}

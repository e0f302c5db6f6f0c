import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { homeOf } from "~/shared/account-role";
import { auth } from "~/server/auth";
import { LanguageSwitch } from "../_components/language-switch";
import { serverTranslator } from "../_i18n/server";
import { roleSuggestedBy, safeCallback } from "../_lib/callback-url";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("signUp.title")} · ${t("app.name")}` };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const session = await auth();
  if (session?.user?.id) redirect(callbackUrl ?? homeOf(session.user.role));
  const t = await serverTranslator();
  return (
    <main className="auth-page">
      <LanguageSwitch />
      <h1>{t("signUp.title")}</h1>
      <p className="muted">{t("signUp.intro")}</p>
      <SignUpForm callbackUrl={callbackUrl} initialRole={roleSuggestedBy(callbackUrl, params.from)} />
    </main>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { LanguageSwitch } from "../_components/language-switch";
import { serverTranslator } from "../_i18n/server";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("signIn.title")} · ${t("app.name")}` };
}

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

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { LanguageSwitch } from "../_components/language-switch";
import { serverTranslator } from "../_i18n/server";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("signUp.title")} · ${t("app.name")}` };
}

export default async function SignUpPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/");
  const t = await serverTranslator();
  return (
    <main className="auth-page">
      <LanguageSwitch />
      <h1>{t("signUp.title")}</h1>
      <p className="muted">{t("signUp.intro")}</p>
      <SignUpForm />
    </main>
  );
}

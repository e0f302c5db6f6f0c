"use client";

import Link from "next/link";
import { getSession, signIn } from "next-auth/react";
import { useState } from "react";
import { FormAlert, TextField } from "../_components/field";
import { useT } from "../_i18n/provider";
import { homeOf } from "~/shared/account-role";
import { parseLockedCode } from "~/shared/sign-in-lock";
import { withCallback } from "../_lib/callback-url";

/** Signs in, then goes back where the visitor came from, or else to the screen of the account's role. */
export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useT();
  const [identification, setIdentification] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ identification?: string; password?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!identification.trim()) next.identification = t("signIn.identificationMissing");
    if (!password) next.password = t("signIn.passwordMissing");
    setErrors(next);
    if (next.identification || next.password) return;
    setPending(true);
    try {
      const result = await signIn("credentials", { identification: identification.trim(), password, redirect: false });
      if (!result || result.error) {
        const wait = parseLockedCode(result?.code);
        setErrors(wait ? { form: t("signIn.locked", { minutes: Math.ceil(wait / 60), seconds: wait }) } : { password: t("signIn.mismatch") });
        setPending(false);
        return;
      }
      const next = callbackUrl ?? homeOf((await getSession())?.user.role ?? "CUSTOMER");
      // A full navigation, so the server renders the next page with the new session cookie.
      window.location.assign(next);
    } catch {
      setErrors({ form: t("error.network") });
      setPending(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t("signIn.title")}>
      <FormAlert message={errors.form} />
      <TextField
        label={t("signIn.identification")}
        hint={t("signIn.identificationHint")}
        value={identification}
        onChange={setIdentification}
        error={errors.identification}
        autoComplete="username"
        autoCapitalize="none"
        name="identification"
        testId="signin-identification"
      />
      <TextField
        label={t("signIn.password")}
        type="password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="current-password"
        name="password"
        testId="signin-password"
      />
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("signIn.pending") : t("signIn.submit")}
        </button>
        <Link href={withCallback("/sign-up", callbackUrl)} className="button secondary">
          {t("signIn.createAccount")}
        </Link>
      </div>
    </form>
  );
}

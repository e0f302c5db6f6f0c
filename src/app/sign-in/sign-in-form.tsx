"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { FormAlert, TextField } from "../_components/field";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [identification, setIdentification] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ identification?: string; password?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!identification.trim()) next.identification = "Enter your phone number (with country code) or username";
    if (!password) next.password = "Enter your password";
    setErrors(next);
    if (next.identification || next.password) return;
    setPending(true);
    try {
      const result = await signIn("credentials", { identification: identification.trim(), password, redirect: false });
      if (!result || result.error) {
        setErrors({ password: "That phone number or username and password do not match an account. Check both and try again." });
        setPending(false);
        return;
      }
      // A full navigation, so the server renders the next page with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setErrors({ form: "Could not reach the server. Check your connection and try again." });
      setPending(false);
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Sign in">
      <FormAlert message={errors.form} />
      <TextField
        label="Phone number or username"
        hint="Phone numbers with the country code, e.g. +44 20 7946 0958"
        value={identification}
        onChange={setIdentification}
        error={errors.identification}
        autoComplete="username"
        autoCapitalize="none"
        name="identification"
        testId="signin-identification"
      />
      <TextField
        label="Password"
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
          {pending ? "Signing in…" : "Sign in"}
        </button>
        <Link href="/sign-up" className="button secondary">
          Create an account
        </Link>
      </div>
    </form>
  );
}

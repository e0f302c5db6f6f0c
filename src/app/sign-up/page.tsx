import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account · Nearby Exchange" };

export default async function SignUpPage() {
  const session = await auth();
  if (session?.user?.id) redirect("/");
  return (
    <main className="auth-page">
      <h1>Create an account</h1>
      <p className="muted">Your phone number or username is what the person you exchange with sees and picks you by.</p>
      <SignUpForm />
    </main>
  );
}

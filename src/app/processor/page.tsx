import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { SignedInHeader } from "../_components/signed-in-header";
import { serverTranslator } from "../_i18n/server";
import { ProcessorDesk } from "./_components/processor-desk";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("nav.processor")} · ${t("app.name")}` };
}

/** The processor's screen: register where you are, watch requests arrive nearby, pick one, exchange. */
export default async function ProcessorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=/processor");
  const params = await searchParams;
  const raw = Array.isArray(params.session) ? params.session[0] : params.session;
  const initialSession = raw && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null;
  const displayName = session.user.name ?? session.user.identification;
  return (
    <>
      <SignedInHeader user={session.user} />
      <main className="wide">
        <ProcessorDesk userId={session.user.id} displayName={displayName} initialSession={initialSession} />
      </main>
    </>
  );
}

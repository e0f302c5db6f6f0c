import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { SignedInHeader } from "../_components/signed-in-header";
import { serverTranslator } from "../_i18n/server";
import { HistoryView } from "./history-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("history.title")} · ${t("app.name")}` };
}

/** The exchanges this device took part in, on both sides; the list itself never leaves the device. */
export default async function HistoryPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=/history");
  return (
    <>
      <SignedInHeader user={session.user} />
      <main>
        <HistoryView userId={session.user.id} role={session.user.role} />
      </main>
    </>
  );
}

import { redirect } from "next/navigation";
import { auth } from "~/server/auth";
import { SignedInHeader } from "../_components/signed-in-header";
import { RequesterHome } from "./_components/requester-home";

function one(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : null;
}

/** The requester's phone screen: enter the data once, send it to the people nearby, follow the exchange. */
export default async function RequesterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const params = await searchParams;
  return (
    <>
      <SignedInHeader user={session.user} />
      <main>
        <RequesterHome userId={session.user.id} identification={session.user.identification} initialRequestId={one(params.request)} />
      </main>
    </>
  );
}

"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let outliving: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;

/** A client whose calls outlive the page (fetch keepalive): for a decision that must still reach the server as the page closes. */
export function keepaliveClient() {
  outliving ??= createTRPCClient<AppRouter>({
    links: [httpLink({ url: "/api/trpc", transformer: superjson, fetch: (url, init) => fetch(url, { ...init, keepalive: true }) })],
  });
  return outliving;
}

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } });
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions go over server-sent events; everything else is batched HTTP.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          // The server answers a batch of more than MAX_BATCH_CALLS (10 by default) with 400.
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

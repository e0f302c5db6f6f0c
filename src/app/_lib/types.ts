import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ListedRequest = RouterOutputs["list"]["byType"][number];
export type MyRequest = RouterOutputs["request"]["mine"][number];
export type Registration = NonNullable<RouterOutputs["processor"]["registration"]>;

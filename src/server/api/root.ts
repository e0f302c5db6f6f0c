import "server-only";
import { accountRouter } from "./routers/account";
import { exchangeRouter } from "./routers/exchange";
import { listRouter } from "./routers/list";
import { processorRouter } from "./routers/processor";
import { requestRouter } from "./routers/request";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  request: requestRouter,
  processor: processorRouter,
  list: listRouter,
  exchange: exchangeRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

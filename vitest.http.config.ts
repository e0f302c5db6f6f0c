import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared";

// Tests over real HTTP against the built app (`next build` first): one server per file.
export default defineConfig({
  resolve,
  test: {
    include: ["e2e/http/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});

import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared";

// Unit and router tests: no server, a real database per test file.
export default defineConfig({
  resolve,
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

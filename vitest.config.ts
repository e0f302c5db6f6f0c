import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit and router tests: no server, a real database per test file.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

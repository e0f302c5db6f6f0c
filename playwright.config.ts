import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { tileOrigin, tileUrl } from "./e2e/tile-fixture";

/**
 * End-to-end tests against the production build (`npm run build` first).
 * Offline: Debian's Chromium, no browser download. Each run gets a fresh
 * embedded database in a new temporary DATA_DIR. The map's street tiles come
 * from a local fixture server (e2e/tile-server.ts), set at run time through
 * MAP_TILE_URL like a deployment would.
 */

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

const PREFIX = "nearby-e2e-";

// Playwright loads this file in the runner and again in each worker; only the
// runner creates the directory, and the workers inherit it through the environment.
if (!process.env.E2E_DATA_DIR) {
  // Remove what earlier runs left behind (an hour old at least, so a parallel run is never touched).
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 60 * 60 * 1000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run is cleaning up too: leave it.
    }
  }
  process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), PREFIX));
}
const dataDir = process.env.E2E_DATA_DIR;

// The tests run the built app; a fresh clone without a build gets one first (start.ts builds when .next is missing).
const built = existsSync(join(".next", "BUILD_ID"));

export default defineConfig({
  testDir: "e2e",
  // Playwright specs only: e2e/http/*.test.ts are vitest HTTP tests of the server.
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  // One server, one database: the flows watch each other's live lists.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/Paris",
    permissions: ["geolocation"],
    geolocation: { latitude: 48.8566, longitude: 2.3522, accuracy: 12 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/tile-server.ts",
      url: `${tileOrigin}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: built ? "npx tsx --conditions=react-server scripts/start.ts --no-build" : "npx tsx --conditions=react-server scripts/start.ts",
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: built ? 120_000 : 600_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        PORT: String(port),
        DATA_DIR: dataDir,
        // Always the embedded database, even where DATABASE_URL is set for the router tests.
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        // Every account of the suite signs up and in from 127.0.0.1: the per-address limits are raised, the per-account ones stay.
        RATE_LIMIT_SIGN_UP_IP: "10000/3600",
        RATE_LIMIT_SIGN_IN_IP: "10000/900",
        // Every spec's maps draw these tiles (none from the internet); changing them needs a restart, not a rebuild.
        MAP_TILE_URL: tileUrl,
        // The request lines of a whole suite would bury a failure's output; warnings and errors still show.
        LOG_LEVEL: "warn",
      },
    },
  ],
});

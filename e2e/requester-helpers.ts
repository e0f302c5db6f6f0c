import { readFileSync } from "node:fs";
import { join } from "node:path";
import { devices, expect, type Page, type TestInfo } from "@playwright/test";
import { signedInAccount } from "./http/support";

/** The requester's phone: a Pixel 7 (412×915, touch, mobile), in Chromium. */
export const pixel7 = (() => {
  const { defaultBrowserType: _ignored, ...device } = devices["Pixel 7"];
  return device;
})();

/** Saves a phone-sized screenshot (the visible screen, as a person would see it) into this test's output folder. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

export interface RecordedTrace {
  label: string;
  expectedShakes: number;
  interval: number;
  samples: Array<{ t: number; x: number | null; y: number | null; z: number | null }>;
}

/** One of the recorded motion traces the shake detector's unit tests use. */
export function motionTrace(label: string): RecordedTrace {
  return JSON.parse(readFileSync(join(process.cwd(), "src", "app", "_lib", "shake", "fixtures", `${label}.json`), "utf8")) as RecordedTrace;
}

/** Replays a trace as DeviceMotion events, at its own pace (the detector reads the events' time stamps). */
export async function playTrace(page: Page, trace: RecordedTrace): Promise<void> {
  await page.evaluate(async (t) => {
    const start = performance.now();
    for (const s of t.samples) {
      const wait = start + s.t - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const accelerationIncludingGravity = s.x === null || s.y === null || s.z === null ? undefined : { x: s.x, y: s.y, z: s.z };
      window.dispatchEvent(new DeviceMotionEvent("devicemotion", { accelerationIncludingGravity, interval: t.interval }));
    }
  }, trace);
}

export const IBAN = "GB82 WEST 1234 5698 7654 32";

/** Fills the wallet editor with a bank account and saves it on the phone. */
export async function saveBankAccount(page: Page, holder = "Alice Martin", bank = "West Bank", iban = IBAN): Promise<void> {
  await expect(page.getByTestId("send-form")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Account holder").fill(holder);
  await page.getByLabel("Bank", { exact: true }).fill(bank);
  await page.getByLabel("Account number").fill(iban);
  await expect(page.getByTestId("accountNumber-ok")).toBeVisible();
  await page.getByTestId("wallet-save").click();
  await expect(page.getByTestId("wallet-item").filter({ hasText: bank })).toBeVisible();
}

/** The id of the request the requester's screen follows (`/?request=…`). */
export function followedRequestId(page: Page): string {
  const id = new URL(page.url()).searchParams.get("request");
  if (!id) throw new Error(`no request followed at ${page.url()}`);
  return id;
}

/** A processor desk signed in over HTTP, registered at `position`, driven through the API. */
export async function processorDesk(baseURL: string, position: { latitude: number; longitude: number }, radiusMeters = 1000) {
  const desk = await signedInAccount(baseURL, "desk");
  await desk.api.processor.register.mutate({ ...position, radiusMeters, types: ["BANK_ACCOUNT", "ORDER", "PAYMENT_CONFIRMATION"] });
  return desk;
}

/** Saves a bank account on the phone, taps send, and returns the id of the request once it waits. */
export async function sendBankAccount(page: Page, holder: string, bank: string): Promise<string> {
  await saveBankAccount(page, holder, bank);
  await page.getByTestId("tap-to-send").click();
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
  return followedRequestId(page);
}

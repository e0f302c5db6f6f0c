import { type Browser, type BrowserContext, expect, type Page, type TestInfo } from "@playwright/test";

export interface Account {
  identification: string;
  displayName: string;
  password: string;
}

/** A username no earlier run used: letters first, at most 32 characters. */
export function uniqueAccount(role: string, displayName: string): Account {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { identification: `${role}-${suffix}`, displayName, password: `pw-${suffix}-secret` };
}

export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
export const desktop = { viewport: { width: 1280, height: 860 } } as const;

export async function newContext(
  browser: Browser,
  baseURL: string | undefined,
  device: typeof phone | typeof desktop,
  geolocation: { latitude: number; longitude: number },
): Promise<BrowserContext> {
  return browser.newContext({ ...device, baseURL, locale: "en-GB", permissions: ["geolocation"], geolocation: { ...geolocation, accuracy: 12 } });
}

export async function signUp(page: Page, account: Account, testInfo?: TestInfo, shot?: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Phone number or username").fill(account.identification);
  await page.getByLabel("Display name").fill(account.displayName);
  await page.getByLabel("Password").fill(account.password);
  if (testInfo && shot) await snap(page, testInfo, shot);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(account.identification);
}

/** Saves a full-page screenshot into this test's output folder. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

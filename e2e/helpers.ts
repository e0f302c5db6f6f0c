import { type Browser, type BrowserContext, expect, type Page, type TestInfo } from "@playwright/test";

export interface Account {
  identification: string;
  displayName: string;
  password: string;
  /** What the account signs up as; the sign-up preselects a customer. */
  as: "CUSTOMER" | "DESK";
}

/** A username no earlier run used: letters first, at most 32 characters. */
export function uniqueAccount(role: string, displayName: string, as: Account["as"] = "CUSTOMER"): Account {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { identification: `${role}-${suffix}`, displayName, password: `pw-${suffix}-secret`, as };
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

/** Signs up on `/sign-up` in the account's role; a customer lands on `/`, a desk on `/processor`. */
export async function signUp(page: Page, account: Account, testInfo?: TestInfo, shot?: string): Promise<void> {
  await page.goto("/sign-up");
  await fillSignUp(page, account);
  if (testInfo && shot) await snap(page, testInfo, shot);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(account.identification);
}

/** Signs in on `/sign-in`, then opens `path` when it is not `/`. */
export async function signIn(page: Page, account: Account, path = "/"): Promise<void> {
  await page.goto("/sign-in");
  await page.getByTestId("signin-identification").fill(account.identification);
  await page.getByTestId("signin-password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(account.identification);
  if (path !== "/") await page.goto(path);
}

/** Fills the sign-up form on the page as it is (whatever role it preselected, the account's is chosen). */
export async function fillSignUp(page: Page, account: Account): Promise<void> {
  await page.getByTestId(`role-${account.as}`).check();
  await page.getByLabel("Phone number or username").fill(account.identification);
  await page.getByLabel("Display name").fill(account.displayName);
  await page.getByLabel("Password").fill(account.password);
}

/** Saves a full-page screenshot into this test's output folder, attached to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

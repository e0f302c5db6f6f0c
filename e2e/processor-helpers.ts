import { type Browser, type BrowserContext, expect, type Locator, type Page } from "@playwright/test";
import { desktop, newContext, phone, signUp, uniqueAccount } from "./helpers";
import { bankAccount, signedInAccount, submitted } from "./http/support";

/*
 * Helpers for the processor's desk specs. The requester's page (`/`) is
 * being rebuilt elsewhere: every requester-side selector the desk specs use
 * lives in the requester* functions below, so only they change after that merge.
 */

export const IBAN = "GB82 WEST 1234 5698 7654 32";
export const IBAN_NORMALIZED = "GB82WEST12345698765432";

/** A point `meters` north (or south, negative) of `from`. */
export function north(from: { latitude: number; longitude: number }, meters: number) {
  return { latitude: from.latitude + meters / 111_194.93, longitude: from.longitude };
}

// ---- the requester's phone (UI) ----

/** On `/`, signed in: enters a bank account and taps send. */
export async function requesterSendsBankAccount(page: Page, holder: string, options: { deadlineSeconds?: string } = {}): Promise<void> {
  await expect(page.getByTestId("type-BANK_ACCOUNT")).toBeChecked();
  await page.getByLabel("Account holder").fill(holder);
  await page.getByLabel("Bank", { exact: true }).fill("West Bank");
  await page.getByLabel("Account number").fill(IBAN);
  await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
  if (options.deadlineSeconds) await page.getByLabel("Agreed processing time").selectOption(options.deadlineSeconds);
  await page.getByTestId("tap-to-send").click();
}

/** The id of the request the phone just sent, once its screen follows it (`/?request=…`). */
export async function sentRequestId(page: Page): Promise<string> {
  await page.waitForURL(/[?&]request=/);
  return new URL(page.url()).searchParams.get("request")!;
}

export async function requesterWaits(page: Page): Promise<void> {
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
}

export async function requesterSeesCode(page: Page, code: string): Promise<void> {
  await expect(page.getByTestId("short-code")).toHaveText(code);
}

export async function requesterConfirms(page: Page): Promise<void> {
  await page.getByTestId("confirm-code").click();
}

export async function requesterAcknowledges(page: Page): Promise<void> {
  await expect(page.getByTestId("payment-answer")).toBeVisible();
  await page.getByTestId("acknowledge").click();
  await expect(page.getByTestId("done-heading")).toBeVisible();
}

// ---- requesters over the API (no browser), for seeding ----

export type ApiAccount = Awaited<ReturnType<typeof apiAccount>>;

/** An account signed up and signed in over HTTP (no browser); `role` prefixes its username. */
export async function apiAccount(baseURL: string, displayName: string, role = "req") {
  const account = await signedInAccount(baseURL, `${role}-${Date.now().toString(36)}`, displayName);
  return { ...account, displayName };
}

export async function apiSubmit(account: ApiAccount, position: { latitude: number; longitude: number }, deadlineSeconds?: number) {
  return account.api.request.submit.mutate({
    ...submitted(bankAccount),
    position: { ...position, accuracyMeters: 10 },
    trigger: "TAP",
    deadlineSeconds,
  });
}

// ---- the processor's desk ----

export async function desktopContext(
  browser: Browser,
  baseURL: string | undefined,
  geolocation: { latitude: number; longitude: number },
): Promise<BrowserContext> {
  return browser.newContext({ ...desktop, baseURL, locale: "en-GB", permissions: ["geolocation"], geolocation: { ...geolocation, accuracy: 12 } });
}

/** Opens `/processor`, registers the desk at the browser's position with `radius` metres, and waits for the live list. */
export async function registerDesk(page: Page, radius: "500" | "1000" | "2000" | "5000" = "1000"): Promise<void> {
  await page.goto("/processor");
  await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
  await page.getByTestId("radius").selectOption(radius);
  await page.getByTestId("register-submit").click();
  await expect(page.getByTestId("registration-summary")).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("desk-map")).toBeVisible();
}

/** A request's entry in the desk's list: desks know requesters by request and masked identification, never in full. */
export function listEntry(page: Page, requestId: string): Locator {
  return page.locator(`[data-testid="list-entry"][data-request-id="${requestId}"]`);
}

export function mapMarker(page: Page, requestId: string): Locator {
  return page.locator(`[data-testid="map-marker"][data-request-id="${requestId}"]`);
}

/** Clicks a request's marker and its popup's Select button. */
export async function selectFromPopup(page: Page, requestId: string): Promise<void> {
  await mapMarker(page, requestId).click();
  const popup = page.locator(`[data-testid="map-popup"][data-request-id="${requestId}"]`);
  await expect(popup).toBeVisible();
  await popup.getByTestId("popup-select").click();
}

/** Fails the test on any alert/confirm/prompt: an injected script would open one. */
export function failOnDialog(page: Page, dialogs: string[]): void {
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

/** A customer's phone and a desk nearby, each signed up in its own context; the desk registered and live. `close` ends both. */
export async function phoneAndDesk(
  browser: Browser,
  baseURL: string,
  places: { phone: { latitude: number; longitude: number }; desk: { latitude: number; longitude: number } },
  names: { customer: string; desk: string },
) {
  const phoneContext = await newContext(browser, baseURL, phone, places.phone);
  const deskContext = await newContext(browser, baseURL, desktop, places.desk);
  const customer = await phoneContext.newPage();
  const desk = await deskContext.newPage();
  await signUp(customer, uniqueAccount("customer", names.customer));
  await signUp(desk, uniqueAccount("desk", names.desk));
  await registerDesk(desk);
  return { customer, desk, close: () => Promise.all([phoneContext.close(), deskContext.close()]) };
}

import { expect, test } from "./fixtures";
import { desktop, fillSignUp, newContext, phone, signIn, signUp, snap, uniqueAccount } from "./helpers";

// Signing up as a customer or as a shop desk: each lands on its own screen, and the header offers the desk's tab to desks only.

const shop = { latitude: 45.764, longitude: 4.8357 };

test("a customer signs up as preselected, lands on the phone screen, and is not steered to the desk", async ({ browser, baseURL }, testInfo) => {
  const context = await newContext(browser, baseURL, phone, shop);
  const page = await context.newPage();
  try {
    await page.goto("/sign-up");
    // A native radio group: reachable by its question, one choice preselected.
    const roles = page.getByRole("group", { name: "How will you use Nearby Exchange?" });
    await expect(roles.getByRole("radio", { name: "I'm a customer (send my details)" })).toBeChecked();
    await expect(roles.getByRole("radio", { name: "I'm a shop desk (receive details)" })).not.toBeChecked();
    await snap(page, testInfo, "01-sign-up-customer-preselected");

    const customer = uniqueAccount("cust", "Camille Client");
    await signUp(page, customer);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("send-form")).toBeVisible();
    const nav = page.getByRole("navigation");
    await expect(nav.getByRole("link", { name: "Send data" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Processor desk" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "History" })).toBeVisible();
    await snap(page, testInfo, "02-customer-home-no-desk-tab");

    // The desk stays reachable, quietly.
    await page.getByTestId("open-desk").click();
    await expect(page).toHaveURL(/\/processor$/);
    await expect(page.getByRole("heading", { name: "Set up your desk" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Processor desk" })).toHaveCount(0);

    await page.getByTestId("nav-history").click();
    await expect(page.getByTestId("history-requester").getByTestId("history-empty")).toHaveText("Nothing yet: finished exchanges appear here.");
    await expect(page.getByTestId("history-processor")).toHaveCount(0);
    await snap(page, testInfo, "03-customer-history-empty");
  } finally {
    await context.close();
  }
});

test("a shop desk signs up by choosing the desk, lands on /processor with the desk's tab, and comes back there on sign-in", async ({
  browser,
  baseURL,
}, testInfo) => {
  const context = await newContext(browser, baseURL, desktop, shop);
  const page = await context.newPage();
  try {
    const till = uniqueAccount("till", "Lyon Till 3", "DESK");
    await page.goto("/sign-up");
    await fillSignUp(page, till);
    await expect(page.getByRole("radio", { name: "I'm a shop desk (receive details)" })).toBeChecked();
    await snap(page, testInfo, "01-sign-up-desk-chosen");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText(till.identification);
    await expect(page).toHaveURL(/\/processor$/);
    await expect(page.getByRole("heading", { name: "Set up your desk" })).toBeVisible();
    const deskTab = page.getByRole("navigation").getByRole("link", { name: "Processor desk" });
    await expect(deskTab).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("open-desk")).toHaveCount(0);
    await snap(page, testInfo, "02-desk-lands-on-processor");

    // Signing in from the plain sign-in page, a desk account lands on its desk.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, till);
    await expect(page).toHaveURL(/\/processor$/);
  } finally {
    await context.close();
  }
});

test("sign-up reached from /processor preselects the desk and returns there", async ({ browser, baseURL }, testInfo) => {
  const context = await newContext(browser, baseURL, desktop, shop);
  const page = await context.newPage();
  try {
    await page.goto("/processor");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprocessor|\/sign-in\?callbackUrl=\/processor/);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fprocessor/);
    await expect(page.getByRole("radio", { name: "I'm a shop desk (receive details)" })).toBeChecked();
    await snap(page, testInfo, "01-sign-up-from-processor-desk-preselected");
    // Back to sign-in keeps the way back to the desk.
    await expect(page.getByRole("link", { name: "I have an account" })).toHaveAttribute("href", "/sign-in?callbackUrl=%2Fprocessor");

    const till = uniqueAccount("till", "Lyon Till 4", "DESK");
    await fillSignUp(page, till);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/processor$/);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Processor desk" })).toBeVisible();
    await snap(page, testInfo, "02-back-on-processor");

    // ?from=processor does the same.
    const other = await context.browser()!.newPage({ baseURL, locale: "en-GB" });
    await other.goto("/sign-up?from=processor");
    await expect(other.getByRole("radio", { name: "I'm a shop desk (receive details)" })).toBeChecked();
    await other.close();
  } finally {
    await context.close();
  }
});

import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { desktop, newContext, phone, signIn, signUp, snap, uniqueAccount } from "./helpers";
import { IBAN, IBAN_NORMALIZED, listEntry, north, registerDesk, requesterSendsBankAccount, sentRequestId } from "./processor-helpers";

// Each device keeps its own list of finished exchanges (who, when, how it ended; never the data), and forgets it at sign-out.

const shop = { latitude: 45.4642, longitude: 9.19 };

/** What this page's origin keeps in localStorage under the history's keys. */
async function storedHistory(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith("nx-history:")) out[key] = localStorage.getItem(key) ?? "";
    }
    return out;
  });
}

test("after one completed exchange both sides list it in their history, name each other on Done, and sign-out clears it", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const phoneContext = await newContext(browser, baseURL, phone, shop);
  const deskContext = await newContext(browser, baseURL, desktop, north(shop, 60));
  const customerPage = await phoneContext.newPage();
  const deskPage = await deskContext.newPage();
  const bea = uniqueAccount("bea", "Bea Rossi");
  const till = uniqueAccount("till", "Milano Till 1", "DESK");
  const masked = `${bea.identification.slice(0, 2)}•••`;

  try {
    await test.step("both sign up, each in their role; the desk goes live", async () => {
      await signUp(customerPage, bea);
      await signUp(deskPage, till);
      await registerDesk(deskPage);
    });

    let code = "";
    let requestId = "";
    await test.step("the customer sends a bank account, the desk picks them, the codes match", async () => {
      await requesterSendsBankAccount(customerPage, "Bea Rossi");
      requestId = await sentRequestId(customerPage);
      await listEntry(deskPage, requestId).getByTestId("select-entry").click();
      const deskCode = deskPage.getByTestId("processor-session").getByTestId("short-code");
      await expect(deskCode).toHaveText(/^\d{6}$/);
      code = (await deskCode.textContent()) ?? "";
      await expect(customerPage.getByTestId("short-code")).toHaveText(code);
      await customerPage.getByTestId("confirm-code").click();
      await expect(deskPage.getByTestId("full-account-number")).toHaveAttribute("data-value", IBAN_NORMALIZED);
    });

    await test.step("the desk answers, the customer acknowledges: each Done screen names the other side", async () => {
      await deskPage.getByLabel("Payment reference").fill("PAY-4455");
      await deskPage.getByLabel("Amount").fill("80.00");
      await deskPage.getByLabel("Currency").fill("EUR");
      await deskPage.getByTestId("send-payment").click();
      await expect(customerPage.getByTestId("payment-answer")).toContainText("PAY-4455");
      await customerPage.getByTestId("acknowledge").click();
      await expect(customerPage.getByTestId("done-heading")).toBeVisible();
      await expect(customerPage.getByTestId("request-status")).toContainText(`The exchange with ${till.displayName} is complete.`);
      await expect(deskPage.getByTestId("done-heading")).toBeVisible();
      const named = deskPage.getByTestId("done-counterparty");
      await expect(named).toContainText(`Customer: ${bea.displayName} (${masked})`);
      await expect(named.getByTestId("visual-tag")).toHaveText(/^\w+ \w+$/);
      await snap(customerPage, testInfo, "01-customer-done-names-desk");
      await snap(deskPage, testInfo, "02-desk-done-names-customer");
    });

    await test.step("each side's history lists the exchange: type, the other side's name, the time, completed", async () => {
      await customerPage.getByTestId("nav-history").click();
      const mine = customerPage.getByTestId("history-requester").getByTestId("history-entry");
      await expect(mine).toHaveCount(1);
      await expect(mine).toHaveAttribute("data-outcome", "completed");
      await expect(mine).toContainText(`Bank account with ${till.displayName}: completed`);
      await expect(mine.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
      await snap(customerPage, testInfo, "03-customer-history");

      await deskPage.getByTestId("nav-history").click();
      const received = deskPage.getByTestId("history-processor").getByTestId("history-entry");
      await expect(received).toHaveCount(1);
      await expect(received).toContainText(`Bank account with ${bea.displayName}: completed`);
      await snap(deskPage, testInfo, "04-desk-history");

      // Kept on the device, per side and account, and holding nothing of the data, the code or the identification.
      for (const [page, side, account] of [
        [customerPage, "requester", bea],
        [deskPage, "processor", till],
      ] as const) {
        const stored = await storedHistory(page);
        const keys = Object.keys(stored);
        expect(keys).toHaveLength(1);
        expect(keys[0]).toMatch(new RegExp(`^nx-history:${side}:`));
        const value = Object.values(stored).join("");
        for (const secret of [IBAN_NORMALIZED, IBAN, code, "PAY-4455", bea.identification, account.password]) expect(value).not.toContain(secret);
      }
    });

    await test.step("signing out clears the history on both devices; signed in again, it says nothing yet", async () => {
      for (const [page, account] of [
        [customerPage, bea],
        [deskPage, till],
      ] as const) {
        await page.getByRole("button", { name: "Sign out" }).click();
        await expect(page).toHaveURL(/\/sign-in$/);
        expect(await storedHistory(page)).toEqual({});
        await signIn(page, account);
        await page.getByTestId("nav-history").click();
        await expect(page.getByTestId("history-entry")).toHaveCount(0);
        await expect(page.getByTestId("history-empty")).toHaveText("Nothing yet: finished exchanges appear here.");
      }
      await snap(customerPage, testInfo, "05-customer-history-after-sign-out");
      await snap(deskPage, testInfo, "06-desk-history-after-sign-out");
    });
  } finally {
    await phoneContext.close();
    await deskContext.close();
  }
});

test("a released and then refused request: the desk lists both endings, the phone only the refusal", async ({ browser, baseURL }, testInfo) => {
  const phoneContext = await newContext(browser, baseURL, phone, shop);
  const deskContext = await newContext(browser, baseURL, desktop, north(shop, 40));
  const customerPage = await phoneContext.newPage();
  const deskPage = await deskContext.newPage();
  const cleo = uniqueAccount("cleo", "Cleo Bianchi");
  const till = uniqueAccount("till", "Milano Till 2", "DESK");
  try {
    await signUp(customerPage, cleo);
    await signUp(deskPage, till);
    await registerDesk(deskPage);
    await requesterSendsBankAccount(customerPage, "Cleo Bianchi");
    const requestId = await sentRequestId(customerPage);

    await test.step("the desk picks the customer, then releases them: the request is open again", async () => {
      await listEntry(deskPage, requestId).getByTestId("select-entry").click();
      await expect(customerPage.getByTestId("short-code")).toHaveText(/^\d{6}$/);
      await deskPage.getByTestId("release").click();
      await expect(customerPage.getByTestId("released-notice")).toBeVisible();
    });

    await test.step("the desk picks them again; the customer refuses", async () => {
      await listEntry(deskPage, requestId).getByTestId("select-entry").click();
      await expect(deskPage.getByTestId("processor-session").getByTestId("short-code")).toHaveText(/^\d{6}$/);
      await customerPage.getByTestId("refuse-code").click();
      await expect(customerPage.getByTestId("requester-session")).toHaveAttribute("data-phase", "refused");
      await expect(deskPage.getByTestId("refused-heading")).toBeVisible();
    });

    await test.step("the histories", async () => {
      await deskPage.getByTestId("nav-history").click();
      const desk = deskPage.getByTestId("history-processor").getByTestId("history-entry");
      await expect(desk).toHaveCount(2);
      await expect(desk.nth(0)).toHaveText(new RegExp(`^Bank account with ${cleo.displayName}: refused`));
      await expect(desk.nth(1)).toHaveText(new RegExp(`^Bank account with ${cleo.displayName}: released`));
      await snap(deskPage, testInfo, "01-desk-history-refused-released");

      await customerPage.getByTestId("nav-history").click();
      const mine = customerPage.getByTestId("history-requester").getByTestId("history-entry");
      await expect(mine).toHaveCount(1);
      await expect(mine).toHaveText(new RegExp(`^Bank account with ${till.displayName}: refused`));
      await snap(customerPage, testInfo, "02-customer-history-refused");
    });
  } finally {
    await phoneContext.close();
    await deskContext.close();
  }
});

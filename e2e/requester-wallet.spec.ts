import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { pixel7, saveBankAccount, shot } from "./requester-helpers";

const cafe = { latitude: 44.8378, longitude: -0.5792 };
test.use({ ...pixel7, permissions: ["geolocation"], geolocation: { ...cafe, accuracy: 9 } });

test("the wallet keeps items on the phone: validate as typed, add, edit, pick, delete", async ({ page }, testInfo) => {
  const kim = uniqueAccount("wallet", "Kim Wallet");
  await signUp(page, kim);
  await expect(page.getByTestId("send-form")).toHaveAttribute("data-hydrated", "true");

  await test.step("each field says what is wrong as it is typed", async () => {
    await page.getByLabel("Account number").fill("GB82 WEST 1234 5698 7654 33");
    await expect(page.getByTestId("accountNumber-error")).toHaveText("IBAN check digits do not match — check for a typing error");
    await page.getByLabel("Account number").fill("4111 1111 1111 1112");
    await expect(page.getByTestId("accountNumber-error")).toContainText("Luhn");
    await page.getByTestId("type-ORDER").check();
    await page.getByLabel("Amount").fill("1.234,50");
    await expect(page.getByTestId("amount-error")).toContainText("without thousands separators");
    // A decimal comma is an amount like any other.
    await page.getByLabel("Amount").fill("12,50");
    await expect(page.getByTestId("amount-error")).toHaveCount(0);
    await page.getByLabel("Currency").fill("EU");
    await expect(page.getByTestId("currency-error")).toContainText("three-letter ISO 4217 code");
    await shot(page, testInfo, "wallet-validation-en");
    await page.getByTestId("type-BANK_ACCOUNT").check();
  });

  await saveBankAccount(page, "Kim Wallet", "River Bank");

  await test.step("a second item: an order", async () => {
    await page.getByTestId("wallet-add").click();
    await page.getByTestId("type-ORDER").check();
    await page.getByLabel("Order reference").fill("ORD-778");
    await page.getByLabel("Items").fill("Coffee beans\nFilter papers");
    await page.getByLabel("Amount").fill("18.40");
    await page.getByLabel("Currency").fill("EUR");
    await page.getByTestId("wallet-save").click();
    await expect(page.getByTestId("wallet-item")).toHaveCount(2);
    await expect(page.getByTestId("wallet-item").filter({ hasText: "ORD-778" })).toHaveAttribute("data-selected", "true");
  });

  await test.step("edit the bank account; it survives a reload", async () => {
    await page.getByRole("button", { name: /^Edit River Bank/ }).click();
    await page.getByLabel("Bank", { exact: true }).fill("Estuary Bank");
    await page.getByTestId("wallet-save").click();
    await page.reload();
    await expect(page.getByTestId("wallet-item")).toHaveCount(2);
    await expect(page.getByTestId("wallet-item").filter({ hasText: "Estuary Bank" })).toBeVisible();
    await shot(page, testInfo, "wallet-two-items-en");
  });

  await test.step("delete the order; pick and send the bank account", async () => {
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: /^Delete ORD-778/ }).click();
    await expect(page.getByTestId("wallet-item")).toHaveCount(1);
    await expect(page.getByTestId("wallet-notice")).toContainText("Deleted");
    await page.getByTestId("wallet-item").getByTestId("wallet-pick").check();
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Estuary Bank");
  });
});

/** Every button, link, input and select on screen is at least 44 px in both directions (checkbox/radio: their label). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("main button, main a, main input, main select, main textarea"))) {
      const target = el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? (el.closest("label") ?? el) : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 44 || box.width < 44)
        small.push(`${target.tagName} "${target.textContent?.trim().slice(0, 30) ?? ""}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

test("touch targets of 44 px, and the screen still works at 200% text", async ({ page }, testInfo) => {
  await signUp(page, uniqueAccount("a11y", "Lee Access"));
  await saveBankAccount(page, "Lee Access", "Canal Bank");
  expect(await smallTargets(page)).toEqual([]);
  await expect(page.getByRole("radiogroup", { name: "Your saved details" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Tap to send" })).toBeVisible();

  await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
  expect(await smallTargets(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, testInfo, "wallet-200-percent-text-en");
  await page.getByRole("button", { name: "Tap to send" }).click();
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
});

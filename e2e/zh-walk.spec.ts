import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { desktop } from "./helpers";
import { pixel7 } from "./requester-helpers";

/*
 * Every screen in Chinese, and no English sentence on any of them: each screen
 * is scanned (visible text, placeholders, aria-labels, titles) for Latin
 * words. The allow-list is short: IBANs, names that are not English (the IBAN
 * standard, Luhn, the language switch's "English", Leaflet and the basemap's
 * source), ISO codes in capitals (CN, CNY), links and desk codes. Units
 * are not allowed ("km", "m").
 */
const ALLOWED = new Set(["IBAN", "ISO", "Luhn", "English", "Leaflet", "Natural", "Earth", "OpenStreetMap"]);

async function englishOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText, document.title];
    for (const el of Array.from(document.querySelectorAll("[placeholder], [aria-label], [title], img[alt]"))) {
      for (const attr of ["placeholder", "aria-label", "title", "alt"]) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    return out;
  });
  const found: string[] = [];
  for (const raw of texts) {
    // An IBAN (an example in a hint, or a number shown) is a proper thing, not English.
    // So are a link and a desk code ("7K3M-Q9TB", Crockford base-32).
    const text = raw
      .replace(/\bhttps?:\/\/\S+/g, "")
      .replace(/\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/g, "")
      .replace(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4})+\b/g, "");
    for (const [word] of text.matchAll(/[A-Za-z]{2,}/g)) if (!ALLOWED.has(word) && !/^[A-Z]{2,3}$/.test(word)) found.push(word);
    for (const [unit] of text.matchAll(/\d\s?(?:km|m)\b/g)) found.push(unit);
  }
  return [...new Set(found)];
}

async function screen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`zh-${name}.png`), fullPage: true });
  expect(await englishOn(page), `English on the ${name} screen`).toEqual([]);
}

const shop = { latitude: 31.2304, longitude: 121.4737 };
const suffix = () => String(Date.now() % 1e9) + String(Math.floor(Math.random() * 100));

async function signUpInChinese(page: Page, username: string, displayName: string, desk = false): Promise<void> {
  await page.goto("/sign-up");
  if (desk) await page.getByLabel("我是商店柜台（接收信息）").check();
  await page.getByLabel("手机号或用户名").fill(username);
  await page.getByLabel("显示名称").fill(displayName);
  await page.getByLabel("密码").fill("一二三四五六七八-secret");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(username);
}

test("every screen in zh-CN speaks Chinese, errors included, and a decimal comma is an amount", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const options = { baseURL, locale: "zh-CN", permissions: ["geolocation"], geolocation: { ...shop, accuracy: 9 } };
  const phoneContext = await browser.newContext({ ...pixel7, ...options });
  const deskContext = await browser.newContext({ ...desktop, ...options });
  const phone = await phoneContext.newPage();
  const desk = await deskContext.newPage();
  const customer = `王小明${suffix()}`;

  await test.step("sign-up, with its errors: empty fields, and a username mixing scripts", async () => {
    await phone.goto("/sign-up");
    await expect(phone.getByTestId("language-switch")).toBeVisible();
    await screen(phone, testInfo, "sign-up");
    await phone.getByRole("button", { name: "创建账户" }).click();
    await expect(phone.getByText("请输入其他人将看到的名称")).toBeVisible();
    await screen(phone, testInfo, "sign-up-empty");
    await phone.getByLabel("手机号或用户名").fill("p\u0430ypal");
    await phone.getByLabel("显示名称").fill("王小明");
    await phone.getByLabel("密码").fill("一二三四五六七八-secret");
    await phone.getByRole("button", { name: "创建账户" }).click();
    await expect(phone.getByText("用户名只能使用一种文字")).toBeVisible();
    await screen(phone, testInfo, "sign-up-mixed-scripts");
    // 王小明 is a username like any other.
    await signUpInChinese(phone, customer, "王小明");
  });

  await test.step("the requester's home and send form, with validation errors forced", async () => {
    await expect(phone.getByTestId("send-form")).toHaveAttribute("data-hydrated", "true");
    await expect(phone.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    await screen(phone, testInfo, "home");
    await phone.getByTestId("accountNumber").fill("DE89 3704 0044 0532 0130 0");
    await expect(phone.getByTestId("accountNumber-error")).toContainText("德国（DE）的 IBAN 长度不对");
    await screen(phone, testInfo, "home-iban-error");
    await phone.getByTestId("type-PAYMENT_CONFIRMATION").check();
    await expect(phone.getByTestId("currency")).toHaveValue("CNY");
    await phone.getByTestId("amount").fill("1.234,50");
    await expect(phone.getByTestId("amount-error")).toContainText("千位分隔符");
    await phone.getByTestId("currency").fill("EU");
    await expect(phone.getByTestId("currency-error")).toContainText("ISO 4217");
    await phone.getByTestId("paymentReference").fill("");
    await phone.getByTestId("payer").fill("");
    await phone.getByTestId("wallet-save").click();
    await screen(phone, testInfo, "home-payment-errors");
    await phone.getByTestId("amount").fill("12,50");
    await expect(phone.getByTestId("amount-error")).toHaveCount(0);
    await phone.getByTestId("type-BANK_ACCOUNT").check();
    await phone.getByTestId("holderName").fill("王小明");
    await phone.getByTestId("bankName").fill("中国银行");
    await phone.getByTestId("accountNumber").fill("4111 1111 1111 1111");
    await expect(phone.getByTestId("accountNumber-ok")).toBeVisible();
    await phone.getByTestId("wallet-save").click();
    await expect(phone.getByTestId("wallet-item").filter({ hasText: "中国银行" })).toBeVisible();
    await screen(phone, testInfo, "wallet");
  });

  await test.step("the desk: sign-up, registration, then the list", async () => {
    await signUpInChinese(desk, `收银台${suffix()}`, "街角小店", true);
    await desk.goto("/processor");
    await expect(desk.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    await screen(desk, testInfo, "desk-registration");
    await desk.getByTestId("register-submit").click();
    await expect(desk.getByTestId("registration-summary")).toContainText("1 公里");
    await expect(desk.getByTestId("registration-summary")).toContainText("银行账户和订单");
    await expect(desk.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    await screen(desk, testInfo, "desk-list-empty");
  });

  let requestId = "";
  await test.step("the request: waiting on the phone, on the desk's list and map popup", async () => {
    await phone.getByTestId("tap-to-send").click();
    await phone.waitForURL(/[?&]request=/);
    requestId = new URL(phone.url()).searchParams.get("request")!;
    await expect(phone.getByTestId("request-status")).toBeVisible();
    await screen(phone, testInfo, "waiting");
    const entry = desk.locator(`[data-testid="list-entry"][data-request-id="${requestId}"]`);
    await expect(entry).toContainText("米");
    await screen(desk, testInfo, "desk-list");
    await desk.locator(`[data-testid="map-marker"][data-request-id="${requestId}"]`).click();
    const popup = desk.locator(`[data-testid="map-popup"][data-request-id="${requestId}"]`);
    await expect(popup).toBeVisible();
    await screen(desk, testInfo, "desk-map-popup");
    await popup.getByTestId("popup-select").click();
  });

  await test.step("the session screens: codes, handover, the desk's payment form and its errors, done", async () => {
    const code = desk.getByTestId("processor-session").getByTestId("short-code");
    await expect(code).toHaveText(/^\d{6}$/);
    await expect(phone.getByTestId("short-code")).toHaveText((await code.textContent()) ?? "");
    await screen(desk, testInfo, "desk-code");
    await screen(phone, testInfo, "phone-code");
    await phone.getByTestId("confirm-code").click();
    await expect(desk.getByTestId("business-data")).toContainText("中国银行");
    await expect(desk.getByTestId("answer-currency")).toHaveValue("CNY");
    await desk.getByTestId("answer-amount").fill("1.234,50");
    await desk.getByTestId("answer-paymentReference").fill("");
    await desk.getByTestId("send-payment").click();
    await expect(desk.getByTestId("answer-amount-error")).toContainText("千位分隔符");
    await expect(desk.getByTestId("answer-paymentReference-error")).toContainText("请输入付款参考号");
    await screen(desk, testInfo, "desk-payment-errors");
    await desk.getByTestId("answer-paymentReference").fill("PAY-778899");
    await desk.getByTestId("answer-amount").fill("12,50");
    await expect(desk.getByTestId("answer-amount-error")).toHaveCount(0);
    await desk.getByTestId("send-payment").click();
    // The decimal comma arrives as the amount 12.50.
    await expect(phone.getByTestId("payment-answer")).toContainText("12.50 CNY");
    await screen(phone, testInfo, "phone-payment");
    await phone.getByTestId("acknowledge").click();
    await expect(phone.getByTestId("done-heading")).toBeVisible();
    await expect(desk.getByTestId("done-heading")).toBeVisible();
    await expect(desk.getByTestId("done-counterparty")).toContainText("顾客：王小明");
    await screen(phone, testInfo, "phone-done");
    await screen(desk, testInfo, "desk-done");
  });

  await test.step("each side's history", async () => {
    await phone.getByTestId("nav-history").click();
    await expect(phone.getByTestId("history-entry")).toContainText("与 街角小店 的银行账户：已完成");
    await screen(phone, testInfo, "phone-history");
    await desk.getByTestId("nav-history").click();
    await expect(desk.getByTestId("history-entry")).toContainText("已完成");
    await screen(desk, testInfo, "desk-history");
  });

  await test.step("the offline page and sign-in, with its errors", async () => {
    await phone.goto("/offline");
    await expect(phone.getByTestId("language-switch")).toBeVisible();
    await screen(phone, testInfo, "offline");
    const guest = await browser.newPage({ baseURL, locale: "zh-CN" });
    await guest.goto("/sign-in");
    await screen(guest, testInfo, "sign-in");
    await guest.getByLabel("手机号或用户名").fill(customer);
    await guest.getByLabel("密码").fill("wrong-password");
    await guest.getByRole("button", { name: "登录" }).click();
    await expect(guest.getByText("手机号或用户名与密码不匹配")).toBeVisible();
    await screen(guest, testInfo, "sign-in-mismatch");
    await guest.close();
  });

  await phoneContext.close();
  await deskContext.close();
});

test("the language switch works before having an account: sign-in, sign-up and offline", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("创建账户");
  await page.goto("/offline");
  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("offline-page").getByRole("heading", { level: 1 })).not.toHaveText(/[\u4e00-\u9fff]/);
});

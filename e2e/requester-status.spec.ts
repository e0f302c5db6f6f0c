import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { apiDeskSelects } from "./http/support";
import { followedRequestId, pixel7, processorDesk, saveBankAccount, shot } from "./requester-helpers";

// A kiosk in Sydney: the only desk registered near it is this spec's own, so the reach count is exact.
const kiosk = { latitude: -33.8688, longitude: 151.2093 };
const deskPosition = { latitude: -33.8684, longitude: 151.2097 };

test.use({ ...pixel7, permissions: ["geolocation"], geolocation: { ...kiosk, accuracy: 10 } });

test("the whole status sequence, with a processor driven through the API", async ({ page, baseURL }, testInfo) => {
  const fay = uniqueAccount("status", "Fay Status");
  const desk = await processorDesk(baseURL!, deskPosition);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, testInfo, "00-sign-in-en");
  await signUp(page, fay);
  await shot(page, testInfo, "01-send-empty-en");
  await saveBankAccount(page, "Fay Status", "Harbour Bank");
  await expect(page.getByTestId("geo-status")).toContainText("±10 m");
  await shot(page, testInfo, "02-wallet-en");

  await test.step("tap to send: waiting, with the processors in range", async () => {
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
    await expect(page.getByTestId("request-reach")).toHaveText("1 processor in range received it.");
    await expect(page.getByTestId("request-status")).toHaveAttribute("aria-live", "polite");
    await shot(page, testInfo, "03-waiting-en");
  });
  const requestId = followedRequestId(page);
  let selected: Awaited<ReturnType<typeof apiDeskSelects>> | undefined;

  await test.step("the processor selects the requester: its name and the short code", async () => {
    selected = await apiDeskSelects(baseURL!, desk, requestId);
    await expect(page.getByTestId("paired-heading")).toHaveText("desk selected you");
    // Each side derives the code itself; the server never knew it.
    const code = await selected.reveal();
    await expect(page.getByTestId("short-code")).toHaveText(code);
    await shot(page, testInfo, "04-paired-en");
  });

  await test.step("confirm: the data is handed over, sealed to the desk", async () => {
    await page.getByTestId("confirm-code").click();
    await expect(page.getByTestId("request-status")).toContainText("Handed over to desk");
    const received = await selected!.receive();
    expect(received).toMatchObject({ businessData: { accountNumber: "GB82WEST12345698765432" }, requesterIdentification: fay.identification });
    await shot(page, testInfo, "05-handed-over-en");
  });

  await test.step("the processor's payment confirmation arrives; the requester acknowledges it", async () => {
    await selected!.answer({ paymentReference: "TX-SYD-1", amount: "42.00", currency: "AUD", payer: "Harbour Kiosk" });
    selected!.close();
    await expect(page.getByTestId("payment-heading")).toBeVisible();
    await expect(page.getByTestId("payment-answer")).toContainText("TX-SYD-1");
    await shot(page, testInfo, "06-payment-en");
    await page.getByTestId("acknowledge").click();
    await expect(page.getByTestId("done-heading")).toBeVisible();
    await expect(page.getByTestId("my-request").first()).toContainText("Done");
    await shot(page, testInfo, "07-done-en");
  });

  await test.step("a second request is cancelled while it waits", async () => {
    await page.getByTestId("new-request").click();
    await expect(page.getByTestId("wallet-item")).toHaveCount(1);
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting");
    await page.getByTestId("cancel-request").click();
    await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "cancelled");
    await expect(page.getByTestId("request-status")).toContainText("Nothing was handed over.");
  });
});

test("refusing when the codes differ", async ({ page, baseURL }) => {
  const gus = uniqueAccount("refuse", "Gus Refuse");
  const desk = await processorDesk(baseURL!, deskPosition);
  await signUp(page, gus);
  await saveBankAccount(page, "Gus Refuse", "Quay Bank");
  await page.getByTestId("tap-to-send").click();
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
  const selected = await apiDeskSelects(baseURL!, desk, followedRequestId(page));
  await expect(page.getByTestId("short-code")).toHaveText(await selected.reveal());
  selected.close();
  await page.getByTestId("refuse-code").click();
  await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "refused");
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the browser's language picks zh-CN: wallet, validation, waiting and paired in Chinese; the switch goes back to English", async ({
    page,
    context,
    baseURL,
  }, testInfo) => {
    const hua = uniqueAccount("zh", "Hua Li");
    const desk = await processorDesk(baseURL!, deskPosition);
    await page.goto("/sign-up");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    // The shared sign-up helper speaks English: sign up in English, then switch to Chinese in the header.
    await context.addCookies([{ name: "nx-locale", value: "en", url: baseURL! }]);
    await signUp(page, hua);
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect(page.getByRole("heading", { name: "把您的资料发送给附近的人" })).toBeVisible();

    await page.getByLabel("账户持有人").fill("Hua Li");
    await page.getByLabel("银行", { exact: true }).fill("Pearl Bank");
    await page.getByLabel("账号").fill("GB82 WEST 1234 5698 7654 33");
    await expect(page.getByTestId("accountNumber-error")).toHaveText("IBAN 校验位不匹配——请检查是否输错");
    await shot(page, testInfo, "zh-01-validation");
    await page.getByLabel("账号").fill("GB82 WEST 1234 5698 7654 32");
    await expect(page.getByTestId("accountNumber-ok")).toHaveText("✓ 校验位正确");
    await page.getByTestId("wallet-save").click();
    await expect(page.getByTestId("wallet-item")).toHaveCount(1);
    await shot(page, testInfo, "zh-02-wallet");

    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("正在等待附近的人选中您");
    await shot(page, testInfo, "zh-03-waiting");
    (await apiDeskSelects(baseURL!, desk, followedRequestId(page))).close();
    await expect(page.getByTestId("paired-heading")).toHaveText("desk 选中了您");
    await shot(page, testInfo, "zh-04-paired");

    await page.getByTestId("language-switch").selectOption("en");
    await expect(page.getByTestId("paired-heading")).toHaveText("desk selected you");
  });
});

test("when the connection drops, it says so, reconnects and catches up with what happened meanwhile", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const max = uniqueAccount("reconnect", "Max Reconnect");
  const desk = await processorDesk(baseURL!, deskPosition);
  await signUp(page, max);
  await saveBankAccount(page, "Max Reconnect", "Tide Bank");
  await page.getByTestId("tap-to-send").click();
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");

  // Offline emulation blocks new connections but leaves the open stream alone: stop it as a lost signal would.
  await context.setOffline(true);
  await page.evaluate(() => window.stop());
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "reconnecting");
  await expect(page.getByTestId("connection-state")).toContainText("reconnecting");
  await shot(page, testInfo, "reconnecting-en");
  // Meanwhile, the processor selects the requester.
  const selected = await apiDeskSelects(baseURL!, desk, followedRequestId(page));

  await context.setOffline(false);
  await expect(page.getByTestId("paired-heading")).toHaveText("desk selected you");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("short-code")).toHaveText(await selected.reveal());
  selected.close();
});

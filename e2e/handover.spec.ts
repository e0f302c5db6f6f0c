import { expect, test } from "./fixtures";
import { newContext, phone, signIn, signUp, snap, uniqueAccount } from "./helpers";
import { apiPhoneFollows, bankAccount, submitted } from "./http/support";
import { apiAccount, desktopContext, listEntry, north, registerDesk, requesterSendsBankAccount, sentRequestId } from "./processor-helpers";

// The end-to-end handover on the real screens: what only the two paired devices can do.

test("another device signed into the same accounts cannot decrypt: it says so, and the requester's offers to refuse", async ({
  browser,
  baseURL,
}, testInfo) => {
  const shop = { latitude: 44.4949, longitude: 11.3426 };
  const contexts = await Promise.all([
    newContext(browser, baseURL, phone, shop),
    newContext(browser, baseURL, phone, shop),
    desktopContext(browser, baseURL, north(shop, 60)),
    desktopContext(browser, baseURL, north(shop, 60)),
  ]);
  const [phoneA, phoneB, deskA, deskB] = await Promise.all(contexts.map((c) => c.newPage()));
  const ada = uniqueAccount("ada", "Ada Bologna");
  const till = uniqueAccount("desk", "Bologna Till");
  try {
    await signUp(phoneA!, ada);
    await signUp(deskA!, till);
    await registerDesk(deskA!);
    await requesterSendsBankAccount(phoneA!, "Ada Bologna");
    const requestId = await sentRequestId(phoneA!);
    await listEntry(deskA!, requestId).getByTestId("select-entry").click();
    const code = deskA!.getByTestId("processor-session").getByTestId("short-code");
    await expect(code).toHaveText(/^\d{6}$/);
    await expect(phoneA!.getByTestId("short-code")).toHaveText((await code.textContent())!);

    await test.step("the desk's other device resumes the exchange but holds no key", async () => {
      await signIn(deskB!, till, "/processor");
      await deskB!.getByTestId("open-exchanges").getByRole("button", { name: "Resume" }).click();
      await expect(deskB!.getByTestId("handover-other-device")).toBeVisible();
      await expect(deskB!.getByTestId("short-code")).toHaveCount(0);
    });

    await test.step("the requester's other device opens the request: no code, no hand-over, refusal offered", async () => {
      await signIn(phoneB!, ada, `/?request=${requestId}`);
      await expect(phoneB!.getByTestId("handover-other-device")).toBeVisible();
      await expect(phoneB!.getByTestId("short-code")).toHaveCount(0);
      await expect(phoneB!.getByTestId("confirm-code")).toHaveCount(0);
      await snap(phoneB!, testInfo, "other-device");
      await phoneB!.getByTestId("refuse-code").click();
      await expect(phoneB!.getByTestId("requester-session")).toHaveAttribute("data-phase", "refused");
    });

    await expect(phoneA!.getByTestId("requester-session")).toHaveAttribute("data-phase", "refused");
    await expect(deskA!.getByTestId("refused-heading")).toBeVisible();
    await expect(deskA!.getByTestId("full-account-number")).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("the desk warns when the data received does not match the preview it chose from", async ({ browser, baseURL }, testInfo) => {
  const desk = { latitude: 43.7696, longitude: 11.2558 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Florence Desk"));
    await registerDesk(page);
    // A phone (a Node client here) whose preview describes one account and whose sealed data is another.
    const liar = await apiAccount(baseURL!, "Lia Preview");
    const request = await liar.api.request.submit.mutate({
      ...submitted(bankAccount),
      position: { ...north(desk, 90), accuracyMeters: 10 },
      trigger: "TAP",
    });
    const other = { type: "BANK_ACCOUNT" as const, holderName: "Lia Preview", bankName: "West Bank", accountNumber: "GB82 WEST 1234 5698 7654 32" };
    const phoneSide = await apiPhoneFollows(baseURL!, liar, request.id, other);
    await listEntry(page, request.id).getByTestId("select-entry").click();
    await expect(page.getByTestId("short-code")).toHaveText(await phoneSide.code());
    await phoneSide.confirm();
    phoneSide.close();
    await expect(page.getByTestId("full-account-number")).toHaveAttribute("data-value", "GB82WEST12345698765432");
    await expect(page.getByTestId("preview-mismatch")).toContainText(request.preview);
    await snap(page, testInfo, "preview-mismatch");
  } finally {
    await context.close();
  }
});

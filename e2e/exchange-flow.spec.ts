import { expect, test } from "./fixtures";
import { desktop, newContext, phone, signUp, snap, uniqueAccount } from "./helpers";
import { followedRequestId } from "./requester-helpers";

// The requester stands in a shop; the cashier's desk is about 70 m away.
const shop = { latitude: 48.8566, longitude: 2.3522 };
const desk = { latitude: 48.857, longitude: 2.353 };

const IBAN = "GB82 WEST 1234 5698 7654 32";
const IBAN_NORMALIZED = "GB82WEST12345698765432";

test("a requester hands a bank account to a processor nearby, live, and acknowledges the payment", async ({ browser, baseURL }, testInfo) => {
  const requesterContext = await newContext(browser, baseURL, phone, shop);
  const processorContext = await newContext(browser, baseURL, desktop, desk);
  const requester = await requesterContext.newPage();
  const processor = await processorContext.newPage();
  const alice = uniqueAccount("alice", "Alice Martin");
  const cashier = uniqueAccount("desk", "Corner Shop Till 2", "DESK");

  try {
    await test.step("both sign up", async () => {
      await signUp(requester, alice, testInfo, "01-requester-sign-up");
      await signUp(processor, cashier);
    });

    await test.step("the processor registers its desk near the requester and goes live", async () => {
      await processor.getByRole("link", { name: "Processor desk" }).click();
      await expect(processor.getByRole("heading", { name: "Set up your desk" })).toBeVisible();
      await expect(processor.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
      await expect(processor.getByTestId("geo-status")).toContainText("±12 m");
      await processor.getByLabel("Radius").selectOption("1000");
      await snap(processor, testInfo, "02-processor-registration");
      await processor.getByTestId("register-submit").click();
      await expect(processor.getByTestId("registration-summary")).toContainText("within 1 km");
      await expect(processor.getByTestId("list-empty")).toBeVisible();
      // The live list is subscribed: what arrives from now on is pushed.
      await expect(processor.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    });

    await test.step("the requester enters a bank account and taps send", async () => {
      await expect(requester.getByTestId("type-BANK_ACCOUNT")).toBeChecked();
      await requester.getByLabel("Account holder").fill("Alice Martin");
      await requester.getByLabel("Bank", { exact: true }).fill("West Bank");
      await requester.getByLabel("Account number").fill(IBAN);
      await expect(requester.getByTestId("accountNumber-ok")).toBeVisible();
      await expect(requester.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
      await requester.getByLabel("Agreed processing time").selectOption("900");
      await snap(requester, testInfo, "03-requester-form");
      await requester.getByTestId("tap-to-send").click();
      await expect(requester.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
      await expect(requester.getByTestId("request-countdown")).toHaveText(/^1[45]:\d\d$/);
      await snap(requester, testInfo, "04-requester-waiting");
    });

    const requestId = followedRequestId(requester);
    const entry = processor.locator(`[data-testid="list-entry"][data-request-id="${requestId}"]`);
    await test.step("the entry appears in the processor's list without a reload, its requester masked", async () => {
      await expect(entry).toBeVisible();
      await expect(entry).toContainText(`${alice.identification.slice(0, 2)}•••`);
      await expect(processor.getByTestId("request-list")).not.toContainText(alice.identification);
      await expect(entry).toContainText(alice.displayName);
      await expect(entry).toContainText("••••5432");
      await expect(entry).toContainText(/\d+ m away/);
      await expect(entry).toContainText(/expires in 1[45]:\d\d/);
      await expect(processor.getByTestId("request-list")).not.toContainText("5698");
      await snap(processor, testInfo, "05-processor-live-list");
    });

    let code = "";
    await test.step("the processor selects the requester; both screens derive the same 6-digit code", async () => {
      await entry.getByTestId("select-entry").click();
      const processorCode = processor.getByTestId("processor-session").getByTestId("short-code");
      await expect(processorCode).toHaveText(/^\d{6}$/);
      code = (await processorCode.textContent()) ?? "";
      await expect(processor.getByTestId("processor-session")).not.toContainText(alice.identification);
      await expect(requester.getByTestId("paired-heading")).toHaveText(`${cashier.displayName} selected you`);
      await expect(requester.getByTestId("short-code")).toHaveText(code);
      await expect(processor.getByTestId("processor-session")).not.toContainText(IBAN_NORMALIZED);
      await snap(processor, testInfo, "06-processor-code");
      await snap(requester, testInfo, "07-requester-code");
    });

    const masked = `${alice.identification.slice(0, 2)}•••`;
    await test.step("a processor who navigates away finds the exchange under its exchanges in progress, with its keys", async () => {
      await processor.goto("/processor");
      const open = processor.getByTestId("open-exchanges");
      await expect(open).toContainText(`Alice Martin · ${masked}`);
      await open.getByRole("button", { name: "Resume" }).click();
      await expect(processor.getByTestId("processor-session")).toContainText(`You selected Alice Martin (${masked})`);
      await expect(processor.getByTestId("processor-session").getByTestId("short-code")).toHaveText(code);
    });

    await test.step("the requester's phone reloads mid-session and resumes with the same code", async () => {
      await requester.reload();
      await expect(requester.getByTestId("short-code")).toHaveText(code);
    });

    await test.step("the requester confirms; the processor decrypts the full account number and the identification", async () => {
      const started = Date.now();
      await requester.getByTestId("confirm-code").click();
      const accountNumber = processor.getByTestId("full-account-number");
      await expect(accountNumber).toHaveAttribute("data-value", IBAN_NORMALIZED);
      const shownMs = Date.now() - started;
      await expect(requester.getByTestId("request-status")).toContainText(`Handed over to ${cashier.displayName}`);
      await expect(accountNumber).toHaveText("GB82 WEST 1234 5698 7654 32");
      await expect(processor.getByTestId("business-data")).toContainText("Alice Martin");
      // The full identification reaches the desk only inside the sealed hand-over.
      await expect(processor.getByTestId("handover-from")).toHaveText(`From Alice Martin (${alice.identification})`);
      await expect(processor.getByTestId("preview-mismatch")).toHaveCount(0);
      // What the crypto adds between the confirm and the data on the desk: sealing on the phone, opening on the desk.
      const sealMs = Number(await requester.getByTestId("requester-session").getAttribute("data-seal-ms"));
      const openMs = Number(await processor.getByTestId("processor-session").getAttribute("data-open-ms"));
      testInfo.annotations.push({
        type: "crypto",
        description: `seal ${sealMs.toFixed(2)} ms + open ${openMs.toFixed(2)} ms of ${shownMs} ms confirm → data shown`,
      });
      console.log(
        `handover crypto: seal ${sealMs.toFixed(2)} ms on the phone + open ${openMs.toFixed(2)} ms on the desk; confirm → data shown ${shownMs} ms`,
      );
      expect(sealMs + openMs).toBeLessThan(500);
      await snap(processor, testInfo, "08-processor-data-handed-over");
    });

    await test.step("the processor sends a payment confirmation; the requester acknowledges it", async () => {
      await processor.getByLabel("Payment reference").fill("PAY-778899");
      await processor.getByLabel("Amount").fill("120.00");
      await processor.getByLabel("Currency").fill("EUR");
      await expect(processor.getByLabel("Payer")).toHaveValue(cashier.displayName);
      await processor.getByTestId("send-payment").click();
      await expect(processor.getByTestId("processor-status")).toContainText("waiting for the requester to acknowledge");

      await expect(requester.getByTestId("payment-heading")).toBeVisible();
      const answer = requester.getByTestId("payment-answer");
      await expect(answer).toContainText("PAY-778899");
      await expect(answer).toContainText("120.00 EUR");
      await expect(answer).toContainText(cashier.displayName);
      await snap(requester, testInfo, "09-requester-payment-received");
      await requester.getByTestId("acknowledge").click();
    });

    await test.step("both see done", async () => {
      await expect(requester.getByTestId("done-heading")).toBeVisible();
      await expect(processor.getByTestId("done-heading")).toBeVisible();
      await expect(requester.getByTestId("my-request").first()).toContainText("Done");
      await snap(requester, testInfo, "10-requester-done");
      await snap(processor, testInfo, "11-processor-done");
    });
  } finally {
    await requesterContext.close();
    await processorContext.close();
  }
});

test("a mistyped IBAN is caught beside the field and nothing is sent", async ({ browser, baseURL }, testInfo) => {
  const context = await newContext(browser, baseURL, phone, { latitude: 51.5074, longitude: -0.1278 });
  const page = await context.newPage();
  const submits: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("request.submit")) submits.push(r.url());
  });
  try {
    await signUp(page, uniqueAccount("typo", "Tim Typo"));
    await page.getByLabel("Account holder").fill("Tim Typo");
    await page.getByLabel("Bank", { exact: true }).fill("West Bank");
    const accountNumber = page.getByLabel("Account number");
    // One digit wrong: the IBAN check digits catch it.
    await accountNumber.fill("GB82 WEST 1234 5698 7654 33");
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    await page.getByTestId("tap-to-send").click();

    const error = page.getByTestId("accountNumber-error");
    await expect(error).toHaveText("IBAN check digits do not match — check for a typing error");
    await expect(accountNumber).toHaveAttribute("aria-invalid", "true");
    // Beside its field: the input names the message as its description, and it is the next element in the same field.
    const errorId = await error.getAttribute("id");
    await expect(accountNumber).toHaveAttribute("aria-describedby", new RegExp(`\\b${errorId}\\b`));
    await expect(page.locator(".field", { has: accountNumber }).getByTestId("accountNumber-error")).toBeVisible();
    await expect(accountNumber).toBeFocused();
    await expect(page.getByTestId("send-error")).toContainText("nothing was sent");
    await snap(page, testInfo, "01-bad-iban");

    // As typed: a missing character changes the message live.
    await accountNumber.fill("GB82 WEST 1234 5698 7654 3");
    await expect(error).toContainText("expected 22 characters, got 21");

    await expect(page.getByTestId("requester-session")).toHaveCount(0);
    await expect(page.getByTestId("no-requests")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("no-requests")).toBeVisible();
    expect(submits).toEqual([]);
  } finally {
    await context.close();
  }
});

test("a processor who selects too late is told another processor was faster", async ({ browser, baseURL }, testInfo) => {
  const square = { latitude: 52.52, longitude: 13.405 };
  const requesterContext = await newContext(browser, baseURL, phone, square);
  const fastContext = await newContext(browser, baseURL, desktop, square);
  const slowContext = await newContext(browser, baseURL, desktop, square);
  try {
    const [requester, fast, slow] = await Promise.all([requesterContext.newPage(), fastContext.newPage(), slowContext.newPage()]);
    const bob = uniqueAccount("bob", "Bob Baker");
    await signUp(requester, bob);
    for (const [page, name] of [
      [fast, "Fast Desk"],
      [slow, "Slow Desk"],
    ] as const) {
      await signUp(page, uniqueAccount("desk", name));
      await page.goto("/processor");
      await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
      await page.getByTestId("register-submit").click();
      await expect(page.getByTestId("registration-summary")).toBeVisible();
    }
    // The slow desk works from the pulled list only: its live stream never connects, so nothing tells it the request was taken.
    await slow.route("**/api/trpc/list.live**", (route) => route.abort());
    await slow.reload();

    await requester.getByLabel("Account holder").fill("Bob Baker");
    await requester.getByLabel("Bank", { exact: true }).fill("East Bank");
    await requester.getByLabel("Account number").fill("DE89 3704 0044 0532 0130 00");
    await expect(requester.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    await requester.getByTestId("tap-to-send").click();
    await expect(requester.getByTestId("request-status")).toContainText("Waiting");

    await slow.getByLabel("Show").selectOption("BANK_ACCOUNT");
    const requestId = followedRequestId(requester);
    const slowEntry = slow.locator(`[data-testid="list-entry"][data-request-id="${requestId}"]`);
    await expect(slowEntry).toBeVisible();

    const fastEntry = fast.locator(`[data-testid="list-entry"][data-request-id="${requestId}"]`);
    await fastEntry.getByTestId("select-entry").click();
    await expect(fast.getByTestId("short-code")).toHaveText(/^\d{6}$/);

    await slowEntry.getByTestId("select-entry").click();
    await expect(slow.getByTestId("select-error")).toContainText("Another processor was faster");
    await expect(slowEntry).toHaveCount(0);
    await snap(slow, testInfo, "01-another-processor-was-faster");
    await expect(requester.getByTestId("paired-heading")).toHaveText("Fast Desk selected you");
  } finally {
    await Promise.all([requesterContext.close(), fastContext.close(), slowContext.close()]);
  }
});

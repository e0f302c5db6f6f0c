import { expect, test } from "./fixtures";
import { desktop, newContext, phone, signUp, snap, uniqueAccount } from "./helpers";
import { apiAccount, listEntry, mapMarker, north, phoneAndDesk, registerDesk } from "./processor-helpers";
import { followedRequestId, processorDesk, saveBankAccount, sendBankAccount, shot } from "./requester-helpers";
import { apiDeskSelects, submitted } from "./http/support";

// A market square: the phone, and two desks within 100 m of it.
// Grenoble, a city of this file's own: the requests it leaves open must not show in other specs' desk lists.
const square = { latitude: 45.1885, longitude: 5.7245 };
const stall = { latitude: 45.189, longitude: 5.725 };
const kiosk = { latitude: 45.1881, longitude: 5.724 };

test("a desk selects, then releases: the phone is told, sees both countdowns meanwhile, and the request is back in another desk's list", async ({
  browser,
  baseURL,
}, testInfo) => {
  const phoneContext = await newContext(browser, baseURL, phone, square);
  const deskContext = await newContext(browser, baseURL, desktop, stall);
  const otherContext = await newContext(browser, baseURL, desktop, kiosk);
  try {
    const customer = await phoneContext.newPage();
    const desk = await deskContext.newPage();
    const other = await otherContext.newPage();
    await signUp(customer, uniqueAccount("released", "Rita Released"));
    await signUp(desk, uniqueAccount("stall", "Fruit Stall"));
    await signUp(other, uniqueAccount("kiosk", "News Kiosk"));
    await registerDesk(desk);
    await registerDesk(other);

    const requestId = await sendBankAccount(customer, "Rita Released", "Market Bank");
    await expect(listEntry(other, requestId)).toBeVisible();

    await listEntry(desk, requestId).getByTestId("select-entry").click();
    const deskCode = desk.getByTestId("processor-session").getByTestId("short-code");
    await expect(deskCode).toHaveText(/^\d{6}$/);
    await expect(customer.getByTestId("short-code")).toHaveText((await deskCode.textContent())!);
    // While the code is shown: the time left to confirm on both screens, and the request's own deadline on the phone.
    await expect(customer.getByTestId("pairing-countdown")).toContainText(/Confirm or refuse within [23]:\d\d/);
    await expect(desk.getByTestId("pairing-countdown")).toContainText(/the pairing ends by itself in [23]:\d\d/);
    await expect(customer.getByTestId("request-countdown")).toHaveText(/^(9|10):\d\d$/);
    await expect(listEntry(other, requestId)).toHaveCount(0);
    await shot(customer, testInfo, "01-phone-paired-countdowns");
    await snap(desk, testInfo, "02-desk-paired-countdown");

    await desk.getByTestId("release").click();
    await expect(desk.getByTestId("processor-session")).toHaveCount(0);
    await expect(customer.getByTestId("released-notice")).toContainText("The desk released you; your request is open again.");
    await expect(customer.getByTestId("requester-session")).toHaveAttribute("data-phase", "waiting");
    await expect(customer.getByTestId("pairing-countdown")).toHaveCount(0);
    await expect(listEntry(other, requestId)).toBeVisible();
    await expect(listEntry(desk, requestId)).toBeVisible();
    await shot(customer, testInfo, "03-phone-released");
    await snap(other, testInfo, "04-other-desk-lists-it-again");
  } finally {
    await Promise.all([phoneContext.close(), deskContext.close(), otherContext.close()]);
  }
});

test("cancel has a visible undo window, and the deadline chosen is remembered after Send another and a reload", async ({
  browser,
  baseURL,
}, testInfo) => {
  const context = await newContext(browser, baseURL, phone, square);
  try {
    const page = await context.newPage();
    await signUp(page, uniqueAccount("undo", "Ugo Undo"));
    await saveBankAccount(page, "Ugo Undo", "Undo Bank");
    const deadline = page.getByLabel("Agreed processing time");
    // The system default, 10 minutes, until the phone remembers another choice.
    await expect(deadline).toHaveValue("default");
    await deadline.selectOption("900");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-countdown")).toHaveText(/^1[45]:\d\d$/);

    await page.getByTestId("cancel-request").click();
    await expect(page.getByTestId("cancel-pending")).toContainText(/Cancelling your request in [1-5] s/);
    await shot(page, testInfo, "01-cancel-undo-window");
    await page.getByTestId("cancel-undo").click();
    await expect(page.getByTestId("cancel-pending")).toHaveCount(0);
    // Past the window, nothing was sent: the request still waits.
    await page.waitForTimeout(6000);
    await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "waiting");

    await page.getByTestId("cancel-request").click();
    await expect(page.getByTestId("cancel-pending")).toBeVisible();
    // Sent once the window has passed, not before.
    await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "waiting", { timeout: 2000 });
    await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "cancelled", { timeout: 10_000 });
    await shot(page, testInfo, "02-cancelled");

    await page.getByTestId("new-request").click();
    await expect(page.getByTestId("send-form")).toHaveAttribute("data-hydrated", "true");
    await expect(deadline).toHaveValue("900");
    await deadline.selectOption("none");
    await page.reload();
    await expect(page.getByTestId("send-form")).toHaveAttribute("data-hydrated", "true");
    await expect(deadline).toHaveValue("none");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("No time limit");
    await shot(page, testInfo, "03-no-time-limit-remembered");
  } finally {
    await context.close();
  }
});

test("a page closed inside the undo window still cancels: the request leaves the desks' lists", async ({ browser, baseURL }) => {
  const { customer, desk, close } = await phoneAndDesk(
    browser,
    baseURL!,
    { phone: square, desk: stall },
    { customer: "Lea Leaves", desk: "Leaver Till" },
  );
  try {
    const requestId = await sendBankAccount(customer, "Lea Leaves", "Exit Bank");
    await expect(listEntry(desk, requestId)).toBeVisible();
    await customer.getByTestId("cancel-request").click();
    await expect(customer.getByTestId("cancel-pending")).toBeVisible();
    await customer.close({ runBeforeUnload: true });
    await expect(listEntry(desk, requestId)).toHaveCount(0);
  } finally {
    await close();
  }
});

test("desk entries show their age, live, and an order's type once: in the list and the map popup", async ({ browser, baseURL }, testInfo) => {
  const deskContext = await newContext(browser, baseURL, desktop, stall);
  try {
    const desk = await deskContext.newPage();
    await signUp(desk, uniqueAccount("ages", "Age Desk"));
    await registerDesk(desk);
    const buyer = await apiAccount(baseURL!, "Oscar Order");
    const order = { type: "ORDER", orderReference: "ORD-7781", items: ["Pears", "Figs"], amount: "7.40", currency: "EUR" };
    const request = await buyer.api.request.submit.mutate({
      ...submitted(order),
      // Apart from the other tests' requests at the square, so its marker is not clustered with theirs.
      position: { ...north(stall, 450), accuracyMeters: 10 },
      trigger: "TAP",
    });

    const entry = listEntry(desk, request.id);
    await expect(entry).toContainText("Order · ••7781 · 2 items · 7.40 EUR");
    await expect(entry).not.toContainText("Order · Order");
    const age = entry.getByTestId("entry-age");
    await expect(age).toHaveText(/^sent (now|\d{1,2} seconds? ago)$/);
    const first = await age.textContent();
    await expect(age).not.toHaveText(first!, { timeout: 5000 });
    await mapMarker(desk, request.id).click();
    const popup = desk.locator(`[data-testid="map-popup"][data-request-id="${request.id}"]`);
    await expect(popup.getByTestId("popup-age")).toHaveText(/^sent (now|\d{1,2} seconds? ago)$/);
    await expect(popup).toContainText("Order · ••7781");
    await expect(popup).not.toContainText("Order · Order");
    await snap(desk, testInfo, "01-desk-entry-age-and-type");
  } finally {
    await deskContext.close();
  }
});

test("offline, Send and The codes match say they will go once the phone is back online, and then they go", async ({ browser, baseURL }, testInfo) => {
  const context = await newContext(browser, baseURL, phone, square);
  try {
    const page = await context.newPage();
    const desk = await processorDesk(baseURL!, stall);
    await signUp(page, uniqueAccount("tunnel", "Tia Tunnel"));
    await saveBankAccount(page, "Tia Tunnel", "Tunnel Bank");
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");

    await context.setOffline(true);
    await expect(page.getByTestId("tap-to-send")).toHaveText("Send when back online");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("send-queued")).toContainText("Will be sent when you're back online.");
    await shot(page, testInfo, "01-send-queued-offline");
    await context.setOffline(false);
    await expect(page.getByTestId("request-status")).toContainText("Waiting");
    const requestId = followedRequestId(page);

    const selected = await apiDeskSelects(baseURL!, desk, requestId);
    await expect(page.getByTestId("short-code")).toHaveText(await selected.reveal());
    await context.setOffline(true);
    await page.getByTestId("confirm-code").click();
    await expect(page.getByTestId("action-queued")).toContainText("Will be sent when you're back online.");
    await expect(page.getByTestId("confirm-code")).toBeDisabled();
    await shot(page, testInfo, "02-confirm-queued-offline");
    await context.setOffline(false);
    await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "handed_over");
    await expect(page.getByTestId("action-queued")).toHaveCount(0);
    selected.close();
  } finally {
    await context.close();
  }
});

test("in zh-CN: the undo, both pairing countdowns and the entry's age speak Chinese", async ({ browser, baseURL }, testInfo) => {
  const { customer, desk, close } = await phoneAndDesk(
    browser,
    baseURL!,
    { phone: square, desk: stall },
    { customer: "Hua Chen", desk: "Chen Stall" },
  );
  try {
    // The shared helpers speak English: signed up and saved in English, then both screens switch to Chinese.
    await saveBankAccount(customer, "Hua Chen", "Pearl Bank");
    for (const page of [customer, desk]) {
      await page.context().addCookies([{ name: "nx-locale", value: "zh-CN", url: baseURL! }]);
      await page.reload();
    }
    await customer.getByTestId("tap-to-send").click();
    await expect(customer.getByTestId("request-status")).toContainText("正在等待附近的人选中您");
    const requestId = followedRequestId(customer);
    await customer.getByTestId("cancel-request").click();
    await expect(customer.getByTestId("cancel-pending")).toContainText(/[1-5] 秒后取消您的请求…/);
    await expect(customer.getByTestId("cancel-undo")).toHaveText("撤销");
    await shot(customer, testInfo, "zh-01-cancel-undo");
    await customer.getByTestId("cancel-undo").click();

    await expect(listEntry(desk, requestId).getByTestId("entry-age")).toHaveText(/^(现在|\d{1,2}秒钟前)发送$/);
    await listEntry(desk, requestId).getByTestId("select-entry").click();
    await expect(customer.getByTestId("pairing-countdown")).toContainText(/请在以下时间内确认或拒绝： [23]:\d\d/);
    await expect(customer.getByTestId("requester-session")).toContainText("如果柜台释放您，您的请求还将开放：");
    await expect(desk.getByTestId("pairing-countdown")).toContainText(/如果顾客未确认，配对将自动结束，剩余： [23]:\d\d/);
    await shot(customer, testInfo, "zh-02-phone-paired");
    await snap(desk, testInfo, "zh-03-desk-paired");
    await desk.getByTestId("release").click();
    await expect(customer.getByTestId("released-notice")).toBeVisible();
  } finally {
    await close();
  }
});

import { expect, test } from "./fixtures";
import { newContext, phone, signUp, snap, uniqueAccount } from "./helpers";
import {
  apiAccount,
  apiSubmit,
  desktopContext,
  failOnDialog,
  IBAN_NORMALIZED,
  listEntry,
  mapMarker,
  north,
  registerDesk,
  requesterAcknowledges,
  requesterConfirms,
  requesterSeesCode,
  requesterSendsBankAccount,
  requesterWaits,
  selectFromPopup,
  sentRequestId,
} from "./processor-helpers";
import { apiPhoneFollows, bankAccount } from "./http/support";

// Each test works in its own town, so the live lists of one never see another's requesters.

test("the full story: a marker appears live, the processor selects it on the map, and both finish the exchange", async ({
  browser,
  baseURL,
}, testInfo) => {
  const shop = { latitude: 45.764, longitude: 4.8357 };
  const desk = north(shop, -80);
  const requesterContext = await newContext(browser, baseURL, phone, shop);
  const processorContext = await desktopContext(browser, baseURL, desk);
  const requester = await requesterContext.newPage();
  const processor = await processorContext.newPage();
  const alice = uniqueAccount("alice", "Alice Martin");
  const cashier = uniqueAccount("desk", "Lyon Till 1");
  // No asset of the desk may fail to load (Leaflet's default marker PNG is the usual 404) and no script error may occur.
  const failed: string[] = [];
  processor.on("response", (response) => {
    if (response.status() >= 400 && !response.url().includes("/api/")) failed.push(`${response.status()} ${response.url()}`);
  });
  processor.on("pageerror", (error) => failed.push(`page error: ${error.message}`));
  try {
    await signUp(requester, alice);
    await signUp(processor, cashier);
    await registerDesk(processor, "1000");
    await expect(processor.getByTestId("list-empty")).toBeVisible();

    let requestId = "";
    await test.step("the requester sends; marker and list entry appear without a reload", async () => {
      const sent = Date.now();
      await requesterSendsBankAccount(requester, "Alice Martin");
      requestId = await sentRequestId(requester);
      const marker = mapMarker(processor, requestId);
      const entry = listEntry(processor, requestId);
      await expect(marker).toBeVisible();
      const latency = Date.now() - sent;
      await requesterWaits(requester);
      await expect(entry).toBeVisible();
      await expect(entry).toContainText("Alice Martin");
      await expect(entry).toContainText("al•••");
      await expect(entry).toContainText("••••5432");
      await expect(entry).toContainText(/\d+ m away/);
      // The list masks the identification and never shows the data itself.
      await expect(entry).not.toContainText(alice.identification);
      await expect(processor.getByTestId("request-list")).not.toContainText("5698");
      await expect(processor.getByTestId("desk-map")).toHaveAttribute("data-markers", "1");
      // The arrival is badged in the tab title until the desk touches the page.
      await expect(processor).toHaveTitle(/^\(1\) /);
      console.log(`[desk] tap on the phone → marker on the desk map: ${latency} ms (includes the click and form submit)`);
      await snap(processor, testInfo, "desk-map-with-marker");
    });

    let code = "";
    await test.step("the processor selects from the marker's popup; both see the same code", async () => {
      await selectFromPopup(processor, requestId);
      const session = processor.getByTestId("processor-session");
      await expect(session.getByTestId("short-code")).toHaveText(/^\d{6}$/);
      code = (await session.getByTestId("short-code").textContent()) ?? "";
      await requesterSeesCode(requester, code);
      // Before the hand-over the desk knows the requester by a masked identification only.
      await expect(session).toContainText("You selected Alice Martin (al•••)");
      await expect(session).not.toContainText(alice.identification);
      await snap(processor, testInfo, "desk-session-code");
    });

    await test.step("the requester confirms; the processor receives the full account number", async () => {
      await requesterConfirms(requester);
      await expect(processor.getByTestId("full-account-number")).toHaveAttribute("data-value", IBAN_NORMALIZED);
      await expect(processor.getByTestId("full-account-number")).toHaveText("GB82 WEST 1234 5698 7654 32");
      await expect(processor.getByRole("button", { name: "Copy Account number" })).toBeVisible();
      await expect(processor.getByTestId("handover-from")).toHaveText(`From Alice Martin (${alice.identification})`);
      await snap(processor, testInfo, "desk-session-data");
    });

    await test.step("payment confirmation, acknowledgement, both done", async () => {
      await processor.getByLabel("Payment reference").fill("PAY-LYON-1");
      await processor.getByLabel("Amount").fill("42.00");
      await processor.getByLabel("Currency").fill("EUR");
      await processor.getByTestId("send-payment").click();
      await expect(processor.getByTestId("processor-status")).toContainText("waiting for the requester to acknowledge");
      await expect(requester.getByTestId("payment-answer")).toContainText("PAY-LYON-1");
      await requesterAcknowledges(requester);
      await expect(processor.getByTestId("done-heading")).toBeVisible();
      await snap(processor, testInfo, "desk-session-done");
    });
    expect(failed).toEqual([]);
  } finally {
    await requesterContext.close();
    await processorContext.close();
  }
});

test("a zh-CN desk selects from the list with the keyboard and gets the data", async ({ browser, baseURL }, testInfo) => {
  const shop = { latitude: 31.2304, longitude: 121.4737 };
  const context = await desktopContext(browser, baseURL, north(shop, 150));
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Shanghai Desk"));
    await context.addCookies([{ name: "nx-locale", value: "zh-CN", url: baseURL! }]);
    await page.goto("/processor");
    await expect(page.getByRole("heading", { name: "设置您的柜台" })).toBeVisible();
    await expect(page.getByTestId("position-picker-map")).toBeVisible();
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    await page.getByTestId("register-submit").click();
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    await expect(page.getByRole("heading", { name: "附近的请求者" })).toBeVisible();

    // Arrival alerts off: no badge in the title (the announcement for screen readers stays).
    await page.getByTestId("arrival-alerts").uncheck();
    const wei = await apiAccount(baseURL!, "张伟");
    const request = await apiSubmit(wei, shop, 900);
    const phone = await apiPhoneFollows(baseURL!, wei, request.id, bankAccount);
    const entry = listEntry(page, request.id);
    await expect(entry).toContainText("张伟");
    await expect(entry).toContainText(/距离 1[45]\d 米/);
    await expect(page.getByTestId("arrival-announcement")).toContainText("新请求：张伟");
    await expect(mapMarker(page, request.id)).toBeVisible();
    await snap(page, testInfo, "desk-zh-CN");
    // The marker's popup speaks Chinese too, down to Leaflet's own close button.
    await mapMarker(page, request.id).click();
    await expect(page.getByTestId("map-popup")).toContainText("张伟");
    await expect(page.locator(".leaflet-popup-close-button")).toHaveAttribute("aria-label", "关闭");
    await page.locator(".leaflet-popup-close-button").click();
    await expect(page.getByTestId("map-popup")).toHaveCount(0);
    await expect(page).not.toHaveTitle(/^\(\d+\) /);

    // Keyboard only: tab to the entry's button and press Enter.
    const select = entry.getByTestId("select-entry");
    await select.focus();
    await expect(select).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("short-code")).toHaveText(/^\d{6}$/);
    await expect(page.getByTestId("processor-status")).toContainText("您选择了 张伟");
    // The phone (a Node client here) derived the same code from the keys alone.
    expect(await phone.code()).toBe(await page.getByTestId("short-code").textContent());
    await phone.confirm();
    phone.close();
    await expect(page.getByTestId("full-account-number")).toHaveAttribute("data-value", "DE89370400440532013000");
    await expect(page.getByRole("heading", { name: "发送付款确认" })).toBeVisible();
    await snap(page, testInfo, "desk-session-zh-CN");
  } finally {
    await context.close();
  }
});

test("two processors race for one request: exactly one wins, the other is told and the request is removed", async ({
  browser,
  baseURL,
}, testInfo) => {
  const square = { latitude: 50.0755, longitude: 14.4378 };
  const contexts = await Promise.all([
    desktopContext(browser, baseURL, square),
    desktopContext(browser, baseURL, north(square, 50)),
    desktopContext(browser, baseURL, north(square, -50)),
  ]);
  try {
    const [observer, ...pages] = await Promise.all(contexts.map((c) => c.newPage()));
    for (const [i, page] of [observer!, ...pages].entries()) {
      await signUp(page, uniqueAccount("desk", `Prague Desk ${i + 1}`));
      await registerDesk(page);
    }
    const bob = await apiAccount(baseURL!, "Bob Baker");
    const { id: bobRequest } = await apiSubmit(bob, north(square, 200));
    for (const page of [observer!, ...pages]) await expect(mapMarker(page, bobRequest)).toBeVisible();
    // Both desks work from the pulled list with the live stream cut, so neither hears of the other's win before pressing Select.
    for (const page of pages) {
      await page.route("**/api/trpc/list.live**", (route) => route.abort());
      await page.reload();
      await page.getByTestId("type-filter").selectOption("BANK_ACCOUNT");
      await expect(listEntry(page, bobRequest)).toBeVisible();
      await expect(mapMarker(page, bobRequest)).toBeVisible();
    }

    await Promise.all(pages.map((page) => listEntry(page, bobRequest).getByTestId("select-entry").click()));
    const outcome = async (page: (typeof pages)[number]) => {
      // The winner's session opens (its code waits for the phone's key; this phone is an API account that sends none).
      await expect(page.getByTestId("processor-session").or(page.getByTestId("select-error"))).toBeVisible();
      return (await page.getByTestId("processor-session").count()) > 0 ? "won" : "lost";
    };
    const results = await Promise.all(pages.map(outcome));
    expect(results.filter((r) => r === "won")).toHaveLength(1);
    const loser = pages[results.indexOf("lost")]!;
    await expect(loser.getByTestId("select-error")).toContainText("Another processor was faster");
    await expect(listEntry(loser, bobRequest)).toHaveCount(0);
    await expect(mapMarker(loser, bobRequest)).toHaveCount(0);
    // A third desk, live all along, sees the request vanish once it is taken.
    await expect(mapMarker(observer!, bobRequest)).toHaveCount(0);
    await expect(listEntry(observer!, bobRequest)).toHaveCount(0);
    await snap(loser, testInfo, "desk-race-lost");
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("a requester outside the radius never appears, on the map or in the list", async ({ browser, baseURL }) => {
  const desk = { latitude: 41.3874, longitude: 2.1686 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Barcelona Desk"));
    await registerDesk(page, "1000");
    const far = await apiAccount(baseURL!, "Far Away");
    const near = await apiAccount(baseURL!, "Near By");
    const { id: farSent } = await apiSubmit(far, north(desk, 1_300));
    const { id: nearSent } = await apiSubmit(near, north(desk, 400));
    // The near one arriving proves the stream delivered everything sent before it.
    await expect(listEntry(page, nearSent)).toBeVisible();
    await expect(mapMarker(page, nearSent)).toBeVisible();
    await expect(listEntry(page, farSent)).toHaveCount(0);
    await expect(mapMarker(page, farSent)).toHaveCount(0);
    // Nor in a fresh snapshot, nor in the pulled list of the type.
    await page.reload();
    await expect(listEntry(page, nearSent)).toBeVisible();
    await page.getByTestId("type-filter").selectOption("BANK_ACCOUNT");
    await expect(listEntry(page, nearSent)).toBeVisible();
    await expect(listEntry(page, farSent)).toHaveCount(0);
    await expect(page.getByTestId("desk-map")).toHaveAttribute("data-markers", "1");

    // Widening the radius to 2 km brings the far one in.
    await page.getByTestId("type-filter").selectOption("LIVE");
    await page.getByTestId("desk-radius").selectOption("2000");
    await expect(page.getByTestId("registration-summary")).toContainText("within 2 km");
    await expect(listEntry(page, farSent)).toBeVisible();
    await expect(mapMarker(page, farSent)).toBeVisible();

    // A requester who cancels disappears live.
    const [farRequest] = await far.api.request.mine.query();
    await far.api.request.cancel.mutate({ requestId: farRequest!.id });
    await expect(mapMarker(page, farSent)).toHaveCount(0);
    await expect(listEntry(page, farSent)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a desk is placed by clicking the map, and keeps its place on the next visit", async ({ browser, baseURL }, testInfo) => {
  const here = { latitude: 48.2082, longitude: 16.3738 };
  const context = await desktopContext(browser, baseURL, here);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Vienna Desk"));
    await page.goto("/processor");
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
    const picker = page.getByTestId("position-picker-map");
    await expect(picker).toHaveAttribute("data-latitude", /^48\.20/);
    const box = (await picker.boundingBox())!;
    // East of the centre: a larger longitude, the same latitude.
    await page.mouse.click(box.x + box.width / 2 + 120, box.y + box.height / 2);
    const longitude = Number(await page.getByTestId("manual-longitude").inputValue());
    expect(longitude).toBeGreaterThan(here.longitude + 0.001);
    await expect(picker).toHaveAttribute("data-longitude", String(longitude));
    await expect(picker.locator(".map-icon-position")).toBeVisible();
    await snap(page, testInfo, "desk-position-picker");
    await page.getByTestId("register-submit").click();
    await expect(page.getByTestId("registration-summary")).toContainText(longitude.toFixed(5));
    await page.goto("/processor");
    await expect(page.getByTestId("registration-summary")).toContainText(longitude.toFixed(5));
  } finally {
    await context.close();
  }
});

test("a deadline running out removes the marker and the entry live", async ({ browser, baseURL }) => {
  const desk = { latitude: 38.7223, longitude: -9.1393 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Lisbon Desk"));
    await registerDesk(page);
    const hurried = await apiAccount(baseURL!, "In A Hurry");
    // 30 s is the shortest agreed processing time the server accepts.
    const sent = Date.now();
    const request = await apiSubmit(hurried, north(desk, 100), 30);
    await mapMarker(page, request.id).waitFor();
    console.log(`[desk] submit over HTTP → marker on the desk map: ${Date.now() - sent} ms`);
    await expect(listEntry(page, request.id)).toContainText(/expires in 0:[0-3]\d/);
    await expect(mapMarker(page, request.id)).toHaveCount(0, { timeout: 45_000 });
    const removedLate = Date.now() - request.deadline!.getTime();
    console.log(`[desk] marker removed ${removedLate} ms after the deadline`);
    expect(removedLate).toBeGreaterThanOrEqual(-1000);
    await expect(listEntry(page, request.id)).toHaveCount(0);
    await expect(page.getByTestId("list-empty")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a display name full of markup renders as text in the list and the popup", async ({ browser, baseURL }, testInfo) => {
  const desk = { latitude: 59.3293, longitude: 18.0686 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  const dialogs: string[] = [];
  failOnDialog(page, dialogs);
  const evil = "<img src=x onerror=alert(1)>";
  try {
    await signUp(page, uniqueAccount("desk", "Stockholm Desk"));
    await registerDesk(page);
    const mallory = await apiAccount(baseURL!, evil, "mal");
    const { id: malloryRequest } = await apiSubmit(mallory, north(desk, 120));
    const entry = listEntry(page, malloryRequest);
    await expect(entry.getByTestId("entry-name")).toHaveText(evil);
    await mapMarker(page, malloryRequest).click();
    const popup = page.locator(`[data-testid="map-popup"][data-request-id="${malloryRequest}"]`);
    await expect(popup.getByTestId("popup-name")).toHaveText(evil);
    await expect(popup.getByTestId("popup-select")).toBeFocused();
    await expect(page.getByTestId("arrival-announcement")).toContainText(evil);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await snap(page, testInfo, "desk-xss-as-text");
    expect(dialogs).toEqual([]);
  } finally {
    await context.close();
  }
});

test("1,000 requests nearby: the clustered map stays responsive (figures printed, not asserted)", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(480_000);
  const desk = { latitude: 40.4168, longitude: -3.7038 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Madrid Desk"));
    await registerDesk(page, "5000");
    const map = page.getByTestId("desk-map");

    // 200 requesters × 5 open requests (the most one requester may have), spread over the 5 km disc.
    const requesters = 200;
    const perRequester = 5;
    const started = Date.now();
    let next = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    async function worker() {
      while (next < requesters) {
        const i = next++;
        const account = await apiAccount(baseURL!, `Madrid ${i}`, "bulk");
        for (let k = 0; k < perRequester; k++) {
          const r = 4800 * Math.sqrt(random());
          const angle = 2 * Math.PI * random();
          const position = {
            latitude: desk.latitude + (r * Math.cos(angle)) / 111_195,
            longitude: desk.longitude + (r * Math.sin(angle)) / (111_195 * Math.cos((desk.latitude * Math.PI) / 180)),
          };
          await apiSubmit(account, position);
        }
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker));
    const seeded = Date.now() - started;
    await expect(map).toHaveAttribute("data-markers", "1000", { timeout: 60_000 });
    const liveAll = Date.now() - started;
    console.log(`[desk] seeded 1,000 requests in ${seeded} ms; all 1,000 markers live on the map ${liveAll - seeded} ms after the last was sent`);
    await snap(page, testInfo, "desk-map-1000");

    // A fresh page: snapshot to clustered markers (the server's snapshot holds the nearest 500, LIST_LIMIT).
    const loadStart = Date.now();
    await page.reload();
    await expect(map).toHaveAttribute("data-markers", /^[1-9]\d*$/, { timeout: 60_000 });
    const loaded = Date.now() - loadStart;
    const snapshotCount = await map.getAttribute("data-markers");
    await expect(page.locator(".marker-cluster").first()).toBeVisible();
    console.log(`[desk] reload → ${snapshotCount} markers clustered and drawn: ${loaded} ms`);

    console.log(`[desk] clustering the ${snapshotCount}-marker snapshot took ${await map.getAttribute("data-cluster-ms")} ms in the cluster layer`);

    // Timed in the page, from the input to the first paint after Leaflet's moveend (the 250 ms zoom animation included).
    const timeMove = (trigger: "zoom-in" | "zoom-out" | "none") =>
      page.evaluate((which) => {
        const region = document.querySelector('[data-testid="desk-map"]')!;
        const started = performance.now();
        const settled = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(Math.round(performance.now() - started))));
          });
          observer.observe(region, { attributes: true, attributeFilter: ["data-moves"] });
        });
        if (which !== "none") region.querySelector<HTMLElement>(`.leaflet-control-${which}`)!.click();
        (window as unknown as { settled: Promise<number> }).settled = settled;
      }, trigger);
    const settled = () => page.evaluate(() => (window as unknown as { settled: Promise<number> }).settled);
    const timings: string[] = [];
    for (const step of ["zoom-in", "zoom-in", "zoom-out", "zoom-out"] as const) {
      await timeMove(step);
      timings.push(`${step} ${await settled()} ms`);
    }
    // A mouse drag: this one includes Playwright dispatching the pointer events.
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await timeMove("none");
    await page.mouse.down();
    await page.mouse.move(cx - 200, cy - 120, { steps: 5 });
    await page.mouse.up();
    timings.push(`pan by drag ${await settled()} ms`);
    console.log(`[desk] with ${snapshotCount} markers: ${timings.join(", ")}`);
  } finally {
    await context.close();
  }
});

import { expect, test } from "./fixtures";
import { snap } from "./helpers";
import { listEntry, phoneAndDesk } from "./processor-helpers";
import { sendBankAccount, shot } from "./requester-helpers";
import { type RunningServer, startServer } from "./http/support";

/**
 * The pairing timeout needs a server of its own: the suite's server keeps the
 * default (3 minutes), which the other flows rely on. This one runs the same
 * build with the shortest timeout allowed, on the port after E2E_PORT and its
 * own throwaway database.
 */
const PAIRING_TIMEOUT_SECONDS = 10;
const port = Number(process.env.E2E_PORT ?? 3210) + 1;

const square = { latitude: 43.2965, longitude: 5.3698 };
const stall = { latitude: 43.297, longitude: 5.3703 };

let server: RunningServer;
test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startServer(port, {
    PAIRING_TIMEOUT_SECONDS: String(PAIRING_TIMEOUT_SECONDS),
    NODE_ENV: "production",
    RATE_LIMIT_SIGN_UP_IP: "10000/3600",
    RATE_LIMIT_SIGN_IN_IP: "10000/900",
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test("a pairing nobody confirms ends by itself: both screens count down, then say it ended, and the request is closed", async ({
  browser,
}, testInfo) => {
  const { customer, desk, close } = await phoneAndDesk(
    browser,
    server.url,
    { phone: square, desk: stall },
    { customer: "Sol Slow", desk: "Waiting Desk" },
  );
  try {
    const requestId = await sendBankAccount(customer, "Sol Slow", "Late Bank");

    await listEntry(desk, requestId).getByTestId("select-entry").click();
    await expect(customer.getByTestId("short-code")).toHaveText(/^\d{6}$/);
    // The server's own moment, from the paired event: at most the timeout away.
    await expect(customer.getByTestId("pairing-countdown")).toContainText(/Confirm or refuse within 0:(0\d|10)/);
    await expect(desk.getByTestId("pairing-countdown")).toContainText(/ends by itself in 0:(0\d|10)/);
    await shot(customer, testInfo, "01-phone-counting-down");
    await snap(desk, testInfo, "02-desk-counting-down");

    // The sweeper runs every 5 s: the end arrives within the timeout and one sweep.
    const ended = { timeout: (PAIRING_TIMEOUT_SECONDS + 15) * 1000 };
    await expect(customer.getByTestId("abandoned-heading")).toBeVisible(ended);
    await expect(customer.getByTestId("request-status")).toContainText("You did not confirm in time: the pairing ended");
    await expect(desk.getByTestId("abandoned-heading")).toBeVisible(ended);
    await expect(desk.getByTestId("processor-status")).toContainText("The customer did not confirm in time");
    await expect(customer.getByTestId("confirm-code")).toHaveCount(0);
    await expect(customer.getByTestId("pairing-countdown")).toHaveCount(0);
    await shot(customer, testInfo, "03-phone-pairing-ended");
    await snap(desk, testInfo, "04-desk-pairing-ended");

    // The server closes the request (it does not reopen it): it is in no desk's list any more.
    await desk.getByTestId("back-to-list").click();
    await expect(desk.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    await expect(listEntry(desk, requestId)).toHaveCount(0);
    await expect(customer.getByTestId("my-request").first()).toBeVisible();
  } finally {
    await close();
  }
});

import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";

test.describe("in a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("pages open in Chinese, with the browser's language on <html>", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
    await expect(page).toHaveTitle("登录 · 附近交换");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入手机号（带国家代码）或用户名")).toBeVisible();
  });
});

test("the language switch turns every screen to Chinese and back, and remembers the choice", async ({ page }) => {
  const account = uniqueAccount("lang", "Lin", "DESK");
  await signUp(page, account);
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Processor desk" })).toBeVisible();

  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(nav.getByRole("link", { name: "处理台" })).toBeVisible();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();

  // Kept in a cookie: a new page load stays in Chinese although the browser asks for English.
  await page.goto("/processor");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("navigation").getByRole("link", { name: "发送数据" })).toBeVisible();

  await page.getByTestId("language-switch").selectOption("en");
  await page.reload();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Send data" })).toBeVisible();
});

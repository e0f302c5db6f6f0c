import { type BrowserContext, type Page, test as base } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * Every page of every spec runs under the app's Content-Security-Policy and
 * must not break it: each context a test opens (the default one, those made
 * with browser.newContext, and any passed to `watchCsp`) reports the
 * `securitypolicyviolation` events and the console's CSP errors of its pages,
 * and the test fails on the first.
 */
const violations = new WeakMap<BrowserContext, string[]>();

export async function watchCsp(context: BrowserContext, sink: string[]): Promise<void> {
  violations.set(context, sink);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const onPage = (page: Page) => {
    page.on("console", (message) => {
      const text = message.text();
      if (message.type() === "error" && /CSP violation|Content Security Policy|Refused to (load|execute|connect|apply|frame|create)/.test(text)) {
        sink.push(`${page.url()}: ${text}`);
      }
    });
  };
  for (const page of context.pages()) onPage(page);
  context.on("page", onPage);
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const sink: string[] = [];
      await watchCsp(context, sink);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        await watchCsp(created, sink);
        return created;
      };
      await use(sink);
      browser.newContext = newContext;
      if (sink.length) throw new Error(`Content-Security-Policy violations:\n${sink.join("\n")}`);
    },
    { auto: true },
  ],
});

import { test as base, expect } from "@playwright/test";

/**
 * Every spec fails on a console error or an uncaught page error. `goto` and `reload` also wait
 * for React to hydrate (the layout marks <html data-hydrated>): a click on a server-rendered
 * button before that would be lost on a slow machine.
 */
export const test = base.extend<{ consoleErrors: string[]; expectedHttpErrors: number[] }>({
  // A spec that provokes a refusal on purpose lists its status: Chromium logs every 4xx response as a console error.
  expectedHttpErrors: [[], { option: true }],
  page: async ({ page }, use) => {
    const hydrated = () => page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await hydrated();
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await hydrated();
      return response;
    };
    await use(page);
  },
  consoleErrors: [
    async ({ page, expectedHttpErrors }, use) => {
      const errors: string[] = [];
      // Case-insensitive: some servers (better-auth) send the reason phrase in capitals.
      const expected = (text: string) =>
        expectedHttpErrors.some((status) => text.toLowerCase() === `Failed to load resource: the server responded with a status of ${status} ${STATUS_TEXT[status] ?? ""}`.trimEnd().toLowerCase());
      page.on("console", (msg) => {
        if (msg.type() === "error" && !expected(msg.text())) errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

const STATUS_TEXT: Record<number, string> = {
  400: "(Bad Request)",
  401: "(Unauthorized)",
  403: "(Forbidden)",
  404: "(Not Found)",
  409: "(Conflict)",
  412: "(Precondition Failed)",
  429: "(Too Many Requests)",
};

export { expect };

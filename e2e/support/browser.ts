import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

/** Screenshots land here (gitignored). */
export const RESULTS_DIR = join(process.cwd(), "test-results");

/**
 * Debian's Chromium (`apt-get install chromium fonts-noto-cjk`), headless, with no background
 * traffic. Override the binary with CHROMIUM_PATH.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** Full-page screenshot `test-results/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  // The navigation is sticky: from the top, a full-page capture shows it where a reader sees it.
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Collects uncaught page errors, console errors and failed API answers, to fail tests on them.
 * `expected404` lists endpoints the workbench probes and handles when absent (e.g. assessments
 * before that capability is installed). A 401 from `/auth/me` (the "who am I" probe before signing
 * in) is always expected; `expected401` adds others (a deliberately wrong password).
 */
export function watchErrors(
  page: Page,
  options: { expected404?: readonly RegExp[]; expected401?: readonly RegExp[] } = {},
): string[] {
  const errors: string[] = [];
  const expected = options.expected404 ?? [];
  const expected401 = [/\/auth\/me$/, ...(options.expected401 ?? [])];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // Failed requests are judged below by their URL, not by the browser's console line.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on("response", (response) => {
    const status = response.status();
    if (status < 400) {
      return;
    }
    if (status === 404 && expected.some((pattern) => pattern.test(response.url()))) {
      return;
    }
    if (status === 401 && expected401.some((pattern) => pattern.test(response.url()))) {
      return;
    }
    errors.push(`HTTP ${status} ${response.request().method()} ${response.url()}`);
  });
  return errors;
}

/**
 * Signs in through the sign-in page as a demo user (password `<login>-demo-2025`): labelled
 * fields, Enter submits. Expects to be on the sign-in page already (a redirect or `goto`).
 */
export async function signIn(page: Page, login: string, password = `${login}-demo-2025`): Promise<void> {
  await page.waitForURL(/\/login/);
  const locale = await page.evaluate("document.documentElement.lang");
  const zh = locale === "zh-CN";
  await page.getByLabel(zh ? "用户名" : "User name").fill(login);
  const field = page.getByLabel(zh ? "密码" : "Password", { exact: true });
  await field.fill(password);
  await field.press("Enter");
}

/**
 * Picks an option of an Ant Design select: opens it from its input (e.g. `page.getByLabel(…)`)
 * and clicks the option in THAT select's dropdown, found by the listbox id rc-select gives it
 * (`<input id>_list`), then waits for the dropdown to close. A bare `.ant-select-item-option`
 * locator can hit the previous select's dropdown while it is still fading out on a busy machine.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  option: { title: string } | { text: string | RegExp },
): Promise<void> {
  await select.click();
  const id = await select.getAttribute("id");
  if (!id) {
    throw new Error("the select's input has no id: is it labelled by a form item?");
  }
  const dropdown = page.locator(".ant-select-dropdown", { has: page.locator(`[id="${id}_list"]`) });
  const item =
    "title" in option
      ? dropdown.locator(`.ant-select-item-option[title="${option.title}"]`)
      : dropdown.locator(".ant-select-item-option", { hasText: option.text });
  await item.click();
  await dropdown.waitFor({ state: "hidden" });
}

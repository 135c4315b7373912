import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/**
 * axe-core finds no WCAG 2.1 A/AA violation on the page as it is now.
 * `sandboxedFrames`: the page shows foreign HTML in a sandboxed iframe
 * (a mail), which axe cannot enter; the frame itself is still checked.
 */
export async function expectAccessible(page: Page, { sandboxedFrames = false } = {}) {
  let builder = new AxeBuilder({ page });
  // `options` replaces what `withTags` set, so it comes first.
  if (sandboxedFrames) builder = builder.setLegacyMode(true).options({ iframes: false });
  const results = await builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits until the wasm has hydrated the page. */
export async function waitForHydration(page: Page) {
  await expect(page.locator(".app[data-hydrated='true']")).toHaveCount(1);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Reads a QR code from a screenshot (PNG), as a scanner would. */
export function decodeQr(shot: Buffer): string {
  const png = PNG.sync.read(shot);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, "a QR code is readable").not.toBeNull();
  return code!.data;
}

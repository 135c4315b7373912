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

/** The app's areas, as the server decides them (app/src/shell/areas.rs):
 * every other page is a public page and must carry no wasm. */
const APP_AREAS = ["/account", "/admin", "/organise", "/door", "/mail", "/bookings", "/employer", "/invite"];

/** Whether the page at `path` is part of the app (loads and hydrates the wasm). */
export function isAppPage(path: string) {
  if (path.startsWith("/account/verify/")) return false;
  if (APP_AREAS.some((area) => path === area || path.startsWith(`${area}/`))) return true;
  return /^\/fairs\/[^/]+\/book\/?$/.test(path);
}

/** A public page is plain HTML: it references and loads no wasm and no app script. */
export async function expectNoWasm(page: Page) {
  await expect(page.locator('link[rel="modulepreload"], script[type="module"], link[href$=".wasm"]')).toHaveCount(0);
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => /\.wasm|\/pkg\/.*\.js/.test(name)),
  );
  expect(loaded, `app files loaded by the public page ${page.url()}`).toEqual([]);
}

/** Waits until the page is ready for a person: an app page once the wasm
 * has hydrated it; a public page at once, after checking it loads no wasm. */
export async function waitForHydration(page: Page) {
  if (isAppPage(new URL(page.url()).pathname)) {
    await expect(page.locator(".app[data-hydrated='true']")).toHaveCount(1);
  } else {
    await expectNoWasm(page);
  }
}

/** A tag no earlier run has used: lower-case letters and digits only, so it
 * survives the server's slugs and case-insensitive comparisons unchanged. */
export function uniqueTag() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, "0")}`;
}

/** `prefix` and a tag no earlier run has used, e.g. a fair's title. */
export function unique(prefix: string) {
  return `${prefix} ${uniqueTag()}`;
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${uniqueTag()}@example.org`;
}

export const DEMO_PASSWORD = "jobfair-demo";

/** Signs in with the login form (a demo account unless told otherwise). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** "YYYY-MM-DDTHH:MM" at the venue (Europe/Berlin), as the date-time fields take it. */
export function venueTime(ms: number) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/** The venue's date `days` from today, "YYYY-MM-DD". */
export function venueDay(days: number) {
  return venueTime(Date.now() + days * 86_400_000).slice(0, 10);
}

export type SlotSpec = { from: string; to: string; places: number; entry?: "offen für alle" | "nur mit Einladung" };
export type BoothSpec = {
  label: string;
  at: [number, number];
  size: [number, number];
  category?: "Reihenstand" | "Eckstand" | "Premiumstand";
  price?: string;
  extras?: ("Strom" | "Tisch und Stühle" | "Bildschirm für Firmenfilme")[];
};
export type FairSpec = {
  /** Unique per run (see `unique`): the server makes the slug from it. */
  title: string;
  titleEn?: string;
  description?: string;
  venue?: string;
  address?: string;
  /** Date-times at the venue, "YYYY-MM-DDTHH:MM" (see `venueTime`). */
  starts: string;
  ends: string;
  registrationOpens: string;
  registrationCloses: string;
  slots: SlotSpec[];
  hall?: { name: string; width: number; depth: number; booths: BoothSpec[] };
};
export type PlannedFair = { id: string; slug: string; path: string; title: string };

/** A fair of its own for a test: planned through the organiser's pages by a
 * planner already signed in on `page`, with its slots (and a hall with
 * booths), then published. Leaves `page` on the fair's planning page. */
export async function planFair(page: Page, spec: FairSpec): Promise<PlannedFair> {
  await page.goto("/organise");
  await waitForHydration(page);
  const newFair = page.locator("form", { has: page.getByRole("heading", { name: "Neue Messe anlegen" }) });
  await newFair.getByLabel("Titel (Deutsch)").fill(spec.title);
  if (spec.titleEn) await newFair.getByLabel("Titel (Englisch, optional)").fill(spec.titleEn);
  await newFair.getByLabel("Beschreibung (Deutsch)").fill(spec.description ?? "Arbeitgeber aus der Region stellen sich vor.");
  await newFair.getByLabel("Veranstaltungsort").fill(spec.venue ?? "Stadthalle, Saal 1");
  await newFair.getByRole("textbox", { name: /^Adresse/ }).fill(spec.address ?? "Marktplatz 1, 34117 Kassel");
  await newFair.getByLabel("Beginn").fill(spec.starts);
  await newFair.getByLabel("Ende").fill(spec.ends);
  await newFair.getByLabel("Anmeldung ab").fill(spec.registrationOpens);
  await newFair.getByLabel("Anmeldung bis").fill(spec.registrationCloses);
  await newFair.getByRole("button", { name: "Messe als Entwurf anlegen" }).click();
  await expect(page).toHaveURL(/\/organise\/fairs\/\d+$/);
  const id = /\/organise\/fairs\/(\d+)$/.exec(page.url())![1];
  await expect(page.getByRole("heading", { level: 1, name: spec.title, exact: true })).toBeVisible();
  await waitForHydration(page);

  const slots = page.getByRole("region", { name: "Zeitfenster für den Einlass" });
  for (const [i, slot] of spec.slots.entries()) {
    const form = slots.locator("form", { has: page.getByRole("heading", { name: "Zeitfenster hinzufügen" }) });
    await form.getByLabel("Von").fill(slot.from);
    await form.getByLabel("Bis").fill(slot.to);
    await form.getByLabel("Plätze").fill(String(slot.places));
    await form.getByLabel("Einlass").selectOption({ label: slot.entry ?? "offen für alle" });
    await form.getByRole("button", { name: "Zeitfenster hinzufügen" }).click();
    await expect(slots.getByText(/von [\d.]+ Plätzen vergeben/)).toHaveCount(i + 1);
  }

  if (spec.hall) {
    const { name, width, depth, booths } = spec.hall;
    const halls = page.getByRole("region", { name: "Hallen und Standplan" });
    await halls.getByLabel("Name der Halle").fill(name);
    await halls.getByLabel("Breite in Metern").fill(String(width));
    await halls.getByLabel("Tiefe in Metern").fill(String(depth));
    await halls.getByRole("button", { name: "Halle hinzufügen" }).click();
    await halls.getByRole("link", { name: `Standplan „${name}“ bearbeiten` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Standplan: ${name}` })).toBeVisible();
    await waitForHydration(page);
    const plan = page.getByRole("group", { name: `Standplan ${name}` });
    const boothForm = page.getByRole("region", { name: /Neuer Stand|Stand .* bearbeiten/ });
    const metres = (n: number) => String(n).replace(".", ",");
    for (const booth of booths) {
      await page.getByRole("button", { name: "Neuer Stand" }).click();
      await expect(page.getByRole("heading", { name: "Neuer Stand" })).toBeVisible();
      await boothForm.getByLabel("Standnummer").fill(booth.label);
      await boothForm.getByLabel("Abstand von links (m)").fill(metres(booth.at[0]));
      await boothForm.getByLabel("Abstand von oben (m)").fill(metres(booth.at[1]));
      await boothForm.getByLabel("Breite (m)").fill(metres(booth.size[0]));
      await boothForm.getByLabel("Tiefe (m)").fill(metres(booth.size[1]));
      await boothForm.getByLabel("Kategorie").selectOption({ label: booth.category ?? "Reihenstand" });
      if (booth.price) await boothForm.getByLabel("Preis in Euro").fill(booth.price);
      for (const extra of booth.extras ?? []) await boothForm.getByLabel(extra).check();
      await boothForm.getByRole("button", { name: "Stand speichern" }).click();
      await expect(plan.getByRole("button", { name: new RegExp(`^Stand ${booth.label},`) })).toBeVisible();
    }
    await expect(plan.getByRole("button", { name: /^Stand / })).toHaveCount(booths.length);
    await page.getByRole("link", { name: "Messe planen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: spec.title, exact: true })).toBeVisible();
    await waitForHydration(page);
  }

  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect(page.getByText("Veröffentlicht").first()).toBeVisible();
  const path = await page.getByRole("link", { name: "Öffentliche Seite ansehen" }).getAttribute("href");
  const slug = /^\/fairs\/([a-z0-9-]+)$/.exec(path ?? "")?.[1];
  expect(slug, `public link ${path}`).toBeTruthy();
  return { id, slug: slug!, path: path!, title: spec.title };
}

/** Reads a QR code from a screenshot (PNG), as a scanner would. */
export function decodeQr(shot: Buffer): string {
  const png = PNG.sync.read(shot);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, "a QR code is readable").not.toBeNull();
  return code!.data;
}

/** The newest mail to `address` whose text matches `pattern`, read from the
 * test SMTP server's inbox (scripts/test.sh sets JOBFAIR_INBOX_URL): the
 * person's own mailbox, not the organisers' mail viewer. Waits for it. */
export async function newestMail(address: string, pattern: RegExp): Promise<string> {
  const inboxUrl = process.env.JOBFAIR_INBOX_URL;
  if (!inboxUrl) throw new Error("JOBFAIR_INBOX_URL is not set (scripts/test.sh sets it)");
  let found = "";
  await expect
    .poll(
      async () => {
        const response = await fetch(`${inboxUrl}/inbox?to=${encodeURIComponent(address)}`);
        if (!response.ok) return false;
        const mails = (await response.text()).split(`\n${"=".repeat(20)}\n`);
        found = mails.find((mail) => pattern.test(mail)) ?? "";
        return found !== "";
      },
      { message: `a mail to ${address} matching ${pattern}`, timeout: 30_000 },
    )
    .toBe(true);
  return found;
}

/** Proves the address of a new account as its owner would: opens the link
 * in the confirmation mail, chooses the password there and confirms, which
 * signs the person in. */
export async function verifyAddress(page: Page, address: string, password = "ein-gutes-passwort") {
  const mail = await newestMail(address, /\/account\/verify\//);
  const link = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
  expect(link, "the verification link").toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await waitForHydration(page);
  await page.getByLabel("Wählen Sie Ihr Passwort").fill(password);
  await page.getByRole("button", { name: "Adresse bestätigen" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

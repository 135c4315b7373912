import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import {
  decodeQr,
  expectAccessible,
  planFair,
  signIn as signInWithForm,
  unique,
  uniqueEmail,
  venueTime,
  waitForHydration,
  type PlannedFair,
} from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "de-DE" };

/** A fair of the test's own that is on right now (from the last full hour
 * but one, for twelve hours, one open slot for all of it), so its door
 * counts only the people the test registers. */
async function planFairOnNow(organiser: Page): Promise<PlannedFair> {
  const hour = 3_600_000;
  const starts = Math.floor(Date.now() / hour) * hour - hour;
  const ends = starts + 12 * hour;
  return planFair(organiser, {
    title: unique("Jobtag Fulda"),
    venue: "Stadtschloss Fulda, Fürstensaal",
    address: "Schloßstraße 1, 36037 Fulda",
    starts: venueTime(starts),
    ends: venueTime(ends),
    registrationOpens: venueTime(starts - 24 * hour),
    registrationCloses: venueTime(ends),
    slots: [{ from: venueTime(starts), to: venueTime(ends), places: 500 }],
  });
}

type Ticket = { name: string; text: string; shortCode: string; token: string; page: Page };

/** Registers a jobseeker for the fair on now and reads their ticket off the
 * ticket page (the QR code as a scanner sees it, and the short code). */
async function register(browser: Browser, fair: PlannedFair, name: string): Promise<Ticket> {
  const page = await (await browser.newContext(PHONE)).newPage();
  const form = await page.request.get(`${fair.path}/register`);
  const slot = /name="form\[slot_id\]" value="(\d+)"/.exec(await form.text())?.[1];
  expect(slot, "the fair on now has a slot").toBeDefined();
  const answer = await page.request.post("/api/registration/register", {
    form: {
      slug: fair.slug,
      "form[name]": name,
      "form[email]": uniqueEmail("door"),
      "form[language]": "de",
      "form[slot_id]": slot!,
      "form[consent]": "yes",
    },
  });
  const link: string = (await answer.json()).Ticket.link;
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();
  const text = decodeQr(await page.locator(".ticket-qr svg").screenshot());
  const shortCode = (await page.getByTestId("short-code").textContent()) ?? "";
  return { name, text, shortCode, token: link.replace("/tickets/", ""), page };
}

async function signIn(page: Page, email: string) {
  await signInWithForm(page, email);
  await expect(page.getByRole("link", { name: "Einlass", exact: true })).toBeVisible();
}

async function openScanner(page: Page, fair: PlannedFair) {
  await page.getByRole("link", { name: "Einlass", exact: true }).click();
  await page.getByRole("link", { name: fair.title, exact: true }).click();
  await waitForHydration(page);
  await expect(page.getByTestId("door-status")).toContainText(/Türliste: \d+ Tickets/);
}

/** Types (or a hand scanner "types") a code and presses Enter. */
async function enter(page: Page, code: string) {
  const field = page.getByLabel("Ticket, Kurzcode oder Name");
  await field.fill(code);
  await field.press("Enter");
}

async function expectAdmitted(page: Page, name: string, { queued = false } = {}) {
  const result = page.getByTestId("door-result");
  await expect(result).toHaveClass(/admitted/);
  await expect(result.getByText("Einlass", { exact: true })).toBeVisible();
  await expect(result.getByText(name)).toBeVisible();
  if (queued) await expect(result.getByText(/Offline eingelassen/)).toBeVisible();
  // Admissions clear by themselves, so the door keeps moving.
  await expect(result).toBeHidden();
}

async function expectRefused(page: Page, reason: RegExp) {
  const result = page.getByTestId("door-result");
  await expect(result).toHaveClass(/refused/);
  await expect(result.getByText("Kein Einlass")).toBeVisible();
  await expect(result.getByText(reason)).toBeVisible();
  // A refusal stays until the staff member moves on.
  const next = result.getByRole("button", { name: "Weiter" });
  await expect(next).toBeFocused();
  await next.press("Enter");
  await expect(result).toBeHidden();
  await expect(page.getByLabel("Ticket, Kurzcode oder Name")).toBeFocused();
}

test("door staff admit valid tickets once, refuse cancelled ones, and keep admitting offline until the queue syncs once", async ({ browser }) => {
  test.setTimeout(180_000);
  // The organiser plans the fair; it is on now.
  const organiser = await (await browser.newContext()).newPage();
  await signIn(organiser, "organisator@jobfair.demo");
  const fair = await planFairOnNow(organiser);

  const ayse = await register(browser, fair, "Ayşe Kaya");
  const ben = await register(browser, fair, "Ben Schulz");
  const cem = await register(browser, fair, "Cem Doğan");
  const dana = await register(browser, fair, "Dana Vogel");
  const emil = await register(browser, fair, "Emil Brandt");
  // Cem cancels: his code is revoked.
  await cem.page.getByText("Ich kann nicht kommen").click();
  await cem.page.getByRole("button", { name: "Anmeldung absagen" }).click();
  await expect(cem.page.getByText("Diese Anmeldung ist abgesagt.")).toBeVisible();

  // The organiser watches the door live.
  await organiser.goto("/organise");
  await organiser.getByRole("link", { name: fair.title, exact: true }).click();
  await organiser.getByRole("link", { name: "Einlass live" }).click();
  await waitForHydration(organiser);
  const total = organiser.getByTestId("checked-in-total");
  await expect(total).toContainText(/^0 von 4 Angemeldeten eingelassen$/);
  await expectAccessible(organiser);

  // Door staff open the scanner on a phone.
  const staffContext = await browser.newContext(PHONE);
  const door = await staffContext.newPage();
  await signIn(door, "einlass@jobfair.demo");
  await openScanner(door, fair);
  await door.getByLabel("Eingang").fill("Nord");
  await door.getByLabel("Eingang").press("Tab");
  await expectAccessible(door);
  await expect(door.getByTestId("door-status")).toContainText("Online");

  // A valid ticket is admitted; the same again is refused with when and where.
  await enter(door, ayse.text);
  await expectAdmitted(door, "Ayşe Kaya");
  await expect(door.getByTestId("verify-ms")).toContainText(/Prüfung: \d+\.\d ms/);
  await enter(door, ayse.text);
  await expectRefused(door, /Bereits eingelassen um \d\d:\d\d Uhr am Eingang Nord/);
  // Cancelled, altered, foreign: refused with the reason.
  await enter(door, cem.text);
  await expectRefused(door, /storniert oder ersetzt/);
  await enter(door, ayse.text.slice(0, -10) + (ayse.text.at(-10) === "A" ? "B" : "A") + ayse.text.slice(-9));
  await expectRefused(door, /verändert oder nicht echt/);
  await expect(total).toContainText(/^1 von/);

  // Once loaded, the scanner is kept for use without network.
  await expect(door.locator("html[data-offline-ready='true']")).toHaveCount(1, { timeout: 15_000 });

  // The network fails: the phone decides alone and queues admissions.
  await staffContext.setOffline(true);
  await expect(door.getByTestId("door-status")).toContainText("Offline");
  await enter(door, ben.text);
  await expectAdmitted(door, "Ben Schulz", { queued: true });
  await enter(door, dana.shortCode.toLowerCase());
  await expectAdmitted(door, "Dana Vogel", { queued: true });
  await expect(door.getByTestId("pending")).toHaveText("Warten auf Übertragung: 2");
  // Its own scans and the revocation list are on the device.
  await enter(door, ben.text);
  await expectRefused(door, /Bereits eingelassen/);
  await enter(door, cem.shortCode);
  await expectRefused(door, /storniert oder ersetzt/);
  // Name search works offline too.
  await enter(door, "emil");
  await door.getByRole("button", { name: "Emil Brandt einlassen" }).click();
  await expectAdmitted(door, "Emil Brandt", { queued: true });
  await expect(door.getByTestId("pending")).toHaveText("Warten auf Übertragung: 3");
  // A reload without network keeps the door list and the queue.
  await door.reload();
  await waitForHydration(door);
  await expect(door.getByTestId("door-status")).toContainText(/Türliste: \d+ Tickets/);
  await expect(door.getByTestId("pending")).toHaveText("Warten auf Übertragung: 3");
  await enter(door, dana.text);
  await expectRefused(door, /Bereits eingelassen/);
  await expect(total).toContainText(/^1 von/);

  // The network is back: the queue syncs, once.
  await staffContext.setOffline(false);
  await expect(door.getByTestId("pending")).toHaveText("Warten auf Übertragung: 0", { timeout: 20_000 });
  await expect(door.getByTestId("door-status")).toContainText("Online");
  await expect(total).toContainText(/^4 von/, { timeout: 15_000 });
  await expect(door.getByRole("heading", { name: "Nachträglich abgelehnt" })).toHaveCount(0);
  // The organiser's view per slot agrees.
  await expect(organiser.getByRole("row").filter({ hasText: "–" }).first().getByRole("cell").last()).toHaveText("4");

  // A walk-in is registered at the door and admitted at once.
  await door.getByText("Spontanbesuch anmelden").click();
  await door.getByRole("button", { name: "Anmelden und einlassen" }).click();
  await expect(door.getByText("Bitte füllen Sie dieses Feld aus.")).toBeVisible();
  await door.getByLabel("Vor- und Nachname").fill("Frida Walk");
  await door.getByLabel("Zeitfenster").selectOption({ index: 1 });
  await door.getByRole("button", { name: "Anmelden und einlassen" }).click();
  await expectAdmitted(door, "Frida Walk");
  await expect(total).toContainText(/^5 von/, { timeout: 15_000 });

  for (const t of [ayse, ben, cem, dana, emil]) await t.page.context().close();
  await staffContext.close();
  await organiser.context().close();
});

/** A Y4M video (what Chromium's fake camera plays) showing a PNG centred on
 * white, in grey. */
function videoOf(png: PNG): string {
  const [width, height] = [640, 480];
  const size = 400;
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const sx = Math.floor((col * png.width) / size);
      const sy = Math.floor((row * png.height) / size);
      const i = (sy * png.width + sx) * 4;
      const grey = (png.data[i] * 77 + png.data[i + 1] * 150 + png.data[i + 2] * 29) >> 8;
      y[(row + (height - size) / 2) * width + col + (width - size) / 2] = 16 + Math.round((grey * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  const file = join(tmpdir(), `jobfair-ticket-${Date.now()}.y4m`);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1\n`), frame, frame]));
  return file;
}

test("the camera reads a ticket's QR code and the wasm decoder admits it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const organiser = await (await browser.newContext()).newPage();
  await signIn(organiser, "organisator@jobfair.demo");
  const fair = await planFairOnNow(organiser);
  await organiser.context().close();
  const guest = await register(browser, fair, "Gero Kamera");
  const shot = PNG.sync.read(await guest.page.locator(".ticket-qr svg").screenshot());
  const camera = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${videoOf(shot)}`,
    ],
  });
  const context = await camera.newContext({ ...PHONE, baseURL, permissions: ["camera"] });
  const door = await context.newPage();
  await signIn(door, "einlass@jobfair.demo");
  await openScanner(door, fair);
  await door.getByRole("button", { name: "Kamera starten" }).click();
  await expect(door.getByRole("button", { name: "Kamera beenden" })).toBeVisible();
  await expectAdmitted(door, "Gero Kamera");
  await door.getByRole("button", { name: "Kamera beenden" }).click();
  await camera.close();
  await guest.page.context().close();
});

import { createPublicKey, verify } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  decodeQr,
  expectAccessible,
  newestMail,
  planFair,
  signIn,
  unique,
  uniqueEmail,
  venueDay,
  waitForHydration,
  type PlannedFair,
  type SlotSpec,
} from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "de-DE" };

/** RFC 4648 base32 without padding, as the ticket text uses it. */
function base32(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** Reads the QR code off the screen, like a scanner at the door would. */
async function scanQr(page: Page): Promise<string> {
  return decodeQr(await page.locator(".ticket-qr svg").screenshot());
}

/** Checks the signature with the fair's published key, with Node's crypto. */
async function verifyTicket(page: Page, fair: PlannedFair, text: string) {
  expect(text.startsWith("JF:")).toBe(true);
  const bytes = base32(text.slice(3));
  expect(bytes.length).toBe(23 + 64);
  const payload = bytes.slice(0, 23);
  const signature = bytes.slice(23);
  const view = new DataView(payload.buffer, payload.byteOffset);
  const keyId = view.getUint16(1);
  const fairId = view.getUint32(3);
  const keys: { fair_id: number; key_id: number; public_key: string }[] = await (
    await page.request.get(`${fair.path}/ticket-keys.json`)
  ).json();
  const key = keys.find((k) => k.key_id === keyId);
  expect(key, "the ticket's key is published").toBeDefined();
  expect(key!.fair_id).toBe(fairId);
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key!.public_key }, format: "jwk" });
  const message = Buffer.concat([Buffer.from("jobfair-ticket-v1"), Buffer.from(payload)]);
  expect(verify(null, message, publicKey, Buffer.from(signature))).toBe(true);
  // Tampering with one byte breaks the signature.
  const altered = Buffer.from(message);
  altered[altered.length - 1] ^= 1;
  expect(verify(null, altered, publicKey, Buffer.from(signature))).toBe(false);
}

/** The organiser plans a fair of the test's own, six weeks ahead with
 * these slots (times of the fair's day); returns the organiser's signed-in
 * page and the fair. */
async function planOwnFair(browser: Browser, slots: { from: string; to: string; places: number }[]) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "organisator@jobfair.demo");
  const day = venueDay(42);
  const fair = await planFair(page, {
    title: unique("Jobmesse Hanau"),
    venue: "Congress Park Hanau",
    address: "Schloßplatz 1, 63450 Hanau",
    starts: `${day}T09:00`,
    ends: `${day}T17:00`,
    registrationOpens: `${venueDay(-1)}T08:00`,
    registrationCloses: `${day}T09:00`,
    slots: slots.map((s): SlotSpec => ({ from: `${day}T${s.from}`, to: `${day}T${s.to}`, places: s.places })),
  });
  return { organiser: page, fair };
}

async function openForm(page: Page, fair: PlannedFair) {
  await page.goto(fair.path);
  await page.getByRole("link", { name: "Jetzt anmelden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Anmeldung: ${fair.title}` })).toBeVisible();
  await waitForHydration(page);
}

async function fillForm(page: Page, name: string, email: string) {
  await page.getByLabel("Vor- und Nachname").fill(name);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel(/15:00–16:00/).check();
}

test("a jobseeker registers on a phone, carries a verifiable QR ticket offline, and a cancellation promotes the waitlist", async ({ browser }) => {
  test.setTimeout(150_000);
  // A fair of its own: an afternoon slot with one place beside a larger one.
  const { organiser, fair } = await planOwnFair(browser, [
    { from: "12:30", to: "14:00", places: 50 },
    { from: "15:00", to: "16:00", places: 1 },
  ]);
  await expect(organiser.getByText("0 von 1 Plätzen vergeben")).toBeVisible();

  // Ayşe registers; the consent is missing at first.
  const ayseContext = await browser.newContext(PHONE);
  const ayse = await ayseContext.newPage();
  await openForm(ayse, fair);
  await expectAccessible(ayse);
  const ayseEmail = uniqueEmail("ayse");
  await fillForm(ayse, "Ayşe Kaya", ayseEmail);
  await ayse.getByLabel("Logistik").check();
  await ayse.getByRole("button", { name: "Kostenlos anmelden" }).click();
  await expect(ayse.getByLabel("Ich habe die Datenschutzhinweise gelesen und bin einverstanden.")).toHaveAttribute("aria-invalid", "true");
  await expect(ayse.getByText("Bitte füllen Sie dieses Feld aus.").last()).toBeVisible();
  await ayse.getByText("Datenschutz: was mit Ihren Angaben geschieht").click();
  await expect(ayse.getByText(/Sehen können die Angaben nur die Veranstalter/)).toBeVisible();
  await ayse.getByLabel("Ich habe die Datenschutzhinweise gelesen und bin einverstanden.").check();
  await ayse.getByRole("button", { name: "Kostenlos anmelden" }).click();

  // The ticket page: a QR code a scanner reads and the fair's key verifies.
  await expect(ayse).toHaveURL(/\/tickets\/[A-Za-z0-9_-]{43}$/);
  await expect(ayse.getByRole("heading", { level: 1, name: `Ihr Ticket: ${fair.title}` })).toBeVisible();
  await expect(ayse.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();
  await expect(ayse.getByTestId("short-code")).toHaveText(/^[346789ACDEFGHJKMNPQRTWXY]{4}-[346789ACDEFGHJKMNPQRTWXY]{4}$/);
  const ticketText = await scanQr(ayse);
  await verifyTicket(ayse, fair, ticketText);
  await expect(ayse.getByRole("link", { name: "In den Kalender eintragen" })).toHaveAttribute("href", /calendar\.ics$/);
  await expectAccessible(ayse);

  // The ticket mail reaches Ayşe with her personal link and short code (the
  // QR code inside it is decoded by the HTTP test of the ticket mail).
  const shortCode = (await ayse.getByTestId("short-code").textContent()) ?? "";
  const mail = await newestMail(ayseEmail, /\/tickets\//);
  expect(mail).toContain(new URL(ayse.url()).pathname);
  expect(mail).toContain(shortCode);
  // The organiser's outbox logs it, but shows none of her secrets: no link,
  // no short code, no QR code, no calendar file.
  await organiser.goto("/mail");
  await organiser.getByRole("row").filter({ hasText: ayseEmail }).getByRole("link", { name: /Ihr Ticket/ }).click();
  const logged = (await organiser.locator("pre.mail-text").textContent()) ?? "";
  expect(logged).toContain("/tickets/••••••");
  expect(logged).not.toContain(shortCode);
  expect(logged).not.toContain(new URL(ayse.url()).pathname);
  await expect(organiser.getByText(/ticket-qr\.png/)).toHaveCount(0);

  // Once opened, the ticket shows without network.
  await expect(ayse.locator("html[data-offline-ready='true']")).toHaveCount(1, { timeout: 30_000 });
  await ayseContext.setOffline(true);
  await ayse.reload();
  await expect(ayse.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();
  expect(await scanQr(ayse)).toBe(ticketText);
  await ayseContext.setOffline(false);

  // The slot is full now: Ben can only join the waitlist.
  const benContext = await browser.newContext(PHONE);
  const ben = await benContext.newPage();
  await openForm(ben, fair);
  await expect(ben.getByLabel(/15:00–16:00 · ausgebucht – Warteliste möglich/)).toBeVisible();
  await fillForm(ben, "Ben Schulz", uniqueEmail("ben"));
  await ben.getByLabel("Ich habe die Datenschutzhinweise gelesen und bin einverstanden.").check();
  await ben.getByRole("button", { name: "Kostenlos anmelden" }).click();
  await expect(ben.getByText("Dieses Zeitfenster ist ausgebucht.", { exact: false })).toBeVisible();
  await ben.getByLabel("Falls das Zeitfenster voll ist: Ich möchte auf die Warteliste.").check();
  await ben.getByRole("button", { name: "Kostenlos anmelden" }).click();
  await expect(ben.getByText("Sie stehen auf der Warteliste, Platz 1.", { exact: false })).toBeVisible();
  await expect(ben.getByRole("img", { name: /QR-Code/ })).toHaveCount(0);

  // Ayşe cancels: her code is revoked, Ben moves up and gets a ticket.
  await ayse.reload();
  await waitForHydration(ayse);
  await ayse.getByText("Ich kann nicht kommen").click();
  await ayse.getByRole("button", { name: "Anmeldung absagen" }).click();
  await expect(ayse.getByText("Diese Anmeldung ist abgesagt. Das Ticket gilt nicht mehr.")).toBeVisible();
  await expect(ayse.getByRole("img", { name: /QR-Code/ })).toHaveCount(0);

  await ben.reload();
  await expect(ben.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();
  const benTicket = await scanQr(ben);
  expect(benTicket).not.toBe(ticketText);
  await verifyTicket(ben, fair, benTicket);

  await ayseContext.close();
  await benContext.close();
  await organiser.context().close();
});

test("registration works with JavaScript off and answers a second registration without a second ticket", async ({ browser }) => {
  test.setTimeout(90_000);
  const { organiser, fair } = await planOwnFair(browser, [{ from: "12:30", to: "16:00", places: 50 }]);
  await organiser.context().close();
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  const email = uniqueEmail("ohne-js");
  for (const attempt of [1, 2]) {
    await page.goto(`${fair.path}/register`);
    await page.getByLabel("Vor- und Nachname").fill("Olena Kovalenko");
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel(/12:30/).check();
    await page.getByLabel("Ich habe die Datenschutzhinweise gelesen und bin einverstanden.").check();
    await page.getByRole("button", { name: "Kostenlos anmelden" }).click();
    if (attempt === 1) {
      await expect(page).toHaveURL(/\/tickets\//);
      await expect(page.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();
    } else {
      await expect(page.getByText("Sie waren schon angemeldet. Wir haben Ihnen Ihr Ticket noch einmal per E-Mail geschickt.")).toBeVisible();
    }
  }
  await context.close();
});

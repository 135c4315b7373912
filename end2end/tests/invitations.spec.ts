import { expect, test } from "@playwright/test";
import { expectAccessible, newestMail, planFair, signIn, unique, uniqueTag, venueDay, waitForHydration } from "./helpers";

/** Addresses no earlier run has invited (an address is invited once per
 * fair, never after it unsubscribed, and the outbox keeps every run's mails). */
const tag = uniqueTag();
const address = (name: string) => `${name}.${tag}@example.org`;
const LIST = [
  "Name;E-Mail;Sprache;Zeitfenster",
  `Ayşe Demir;${address("ayse.demir")};de;09:00`,
  `Jan Weber;${address("jan.weber")};en;`,
  "Olena Kovalenko;olena@kaputt;de;",
  `Felix Neumann;${address("felix.neumann")};de;07:00`,
  `Ayşe Demir (doppelt);${`ayse.demir.${tag}`.toUpperCase()}@example.org;de;`,
  `Sara Haddad;${address("sara.haddad")};de;12:30`,
].join("\r\n");

test("an organiser checks a CSV list, sends the good rows, watches them go out and reads one", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "organisator@jobfair.demo");
  // A fair of its own, like the demo's airport fair: invited guests in the
  // morning, everyone after lunch; only this test's invitations are on it.
  const day = venueDay(49);
  const titleEn = unique("Job fair Darmstadt");
  const fair = await planFair(page, {
    title: unique("Jobmesse Darmstadt"),
    titleEn,
    venue: "darmstadtium, Saal Spectrum",
    address: "Schloßgraben 1, 64283 Darmstadt",
    starts: `${day}T09:00`,
    ends: `${day}T16:00`,
    registrationOpens: `${venueDay(-1)}T08:00`,
    registrationCloses: `${day}T09:00`,
    slots: [
      { from: `${day}T09:00`, to: `${day}T12:00`, places: 300, entry: "nur mit Einladung" },
      { from: `${day}T12:30`, to: `${day}T16:00`, places: 800 },
    ],
  });
  await page.goto("/organise");
  await page.getByRole("link", { name: fair.title, exact: true }).click();
  await page.getByRole("link", { name: "Einladungen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Einladungen: ${fair.title}` })).toBeVisible();
  await waitForHydration(page);

  // One person by hand, with a typo first.
  const one = page.getByRole("region", { name: "Eine Person einladen" });
  await one.getByLabel("Name").fill("Lukas Fischer");
  await one.getByLabel("E-Mail-Adresse").fill("lukas.fischer@");
  await one.getByRole("button", { name: "Einladung senden" }).click();
  await expect(one.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await one.getByLabel("E-Mail-Adresse").fill(address("lukas.fischer"));
  await one.getByRole("button", { name: "Einladung senden" }).click();
  await expect(one.getByRole("status")).toContainText(address("lukas.fischer"));

  // The list: checked first, nothing sent yet.
  const list = page.getByRole("region", { name: "Liste hochladen" });
  await list.getByLabel("CSV-Datei").setInputFiles({ name: "teilnehmende.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeff" + LIST, "utf8") });
  await expect(list.getByLabel("oder Liste hier einfügen")).toHaveValue(/Ayşe Demir/);
  await list.getByRole("button", { name: "Liste prüfen" }).click();
  await expect(list.getByText("3 bereit, 2 fehlerhaft, 1 übersprungen")).toBeVisible();
  const rows = list.getByRole("row");
  await expect(rows.filter({ hasText: "olena@kaputt" })).toContainText("E-Mail-Adresse: Bitte geben Sie eine gültige E-Mail-Adresse ein");
  await expect(rows.filter({ hasText: "Felix Neumann" })).toContainText("Zeitfenster: Bitte wählen Sie eine der angebotenen Möglichkeiten.");
  await expect(rows.filter({ hasText: "(doppelt)" })).toContainText("doppelt in der Liste");
  await expectAccessible(page);

  await list.getByRole("button", { name: "3 Einladungen senden" }).click();
  await expect(list.getByRole("status").filter({ hasText: "3 von 3 Einladungen im Postausgang." })).toBeVisible();
  const invited = page.getByRole("region", { name: /Eingeladene Personen/ });
  await expect(invited.getByRole("row")).toHaveCount(5);
  await expect(invited.getByRole("row").filter({ hasText: address("sara.haddad") })).toContainText("12:30");

  // The mail worker sends them; the states follow.
  await expect
    .poll(
      async () => {
        await invited.getByRole("button", { name: "Aktualisieren" }).click();
        return invited.getByRole("cell", { name: "gesendet", exact: true }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(4);
  await expectAccessible(page);

  // The outbox shows what went out, with the invitee's personal links masked.
  await page.goto("/mail");
  await page.getByRole("row").filter({ hasText: address("jan.weber") }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: `Your personal invitation: ${titleEn}` })).toBeVisible();
  const text = (await page.locator("pre.mail-text").textContent()) ?? "";
  expect(text).toContain(`/fairs/${fair.slug}/register?invite=••••••`);
  expect(text).toMatch(/\/unsubscribe\/••••••/);
  expect(text).not.toMatch(/invite=[A-Za-z0-9_-]{8,}/);
  // The invitee's own mail carries them.
  const mail = await newestMail(address("jan.weber"), /invite=/);
  expect(mail).toMatch(new RegExp(`/fairs/${fair.slug}/register\\?invite=[A-Za-z0-9_-]{8,}`));
  expect(mail).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]{20,}/);
});

import { expect, test, type Browser, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import { expectAccessible, planFair, signIn, unique, uniqueEmail, uniqueTag, venueDay, verifyAddress, waitForHydration, type PlannedFair } from "./helpers";

async function signUpEmployer(browser: Browser, company: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("einen Arbeitgeber, der ausstellen möchte").check();
  await page.getByLabel("Name der Organisation oder Firma").fill(company);
  await page.getByLabel("Ihr Name").fill(`Inhaberin ${company}`);
  const email = uniqueEmail("arbeitgeber");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bitte sehen Sie in Ihr Postfach" })).toBeVisible();
  await verifyAddress(page, email);
  return page;
}

async function openBookingPage(page: Page, fair: PlannedFair) {
  await page.goto(fair.path);
  await page.getByRole("link", { name: "Stand buchen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Stand buchen: ${fair.title}` })).toBeVisible();
  await waitForHydration(page);
}

test("an employer books a booth on the plan, a slower one hears it was just taken, the organiser approves, the directory shows it", async ({ browser }) => {
  test.setTimeout(180_000);
  // A fair of its own with two free booths in "Halle 1", so every run finds
  // the same free booths, whatever earlier runs booked elsewhere.
  const organiser = await (await browser.newContext()).newPage();
  await signIn(organiser, "organisator@jobfair.demo");
  const day = venueDay(56);
  const fair = await planFair(organiser, {
    title: unique("Ausbildungsmesse Marburg"),
    venue: "Messeplatz Marburg, Halle 1",
    address: "Afföllerwiesen 3a, 35039 Marburg",
    starts: `${day}T10:00`,
    ends: `${day}T15:00`,
    registrationOpens: `${venueDay(-1)}T08:00`,
    registrationCloses: `${day}T10:00`,
    slots: [{ from: `${day}T10:00`, to: `${day}T15:00`, places: 500 }],
    hall: {
      name: "Halle 1",
      width: 20,
      depth: 10,
      booths: [
        { label: "D01", at: [1, 1], size: [4, 3], category: "Eckstand", price: "900", extras: ["Strom", "Tisch und Stühle"] },
        { label: "D02", at: [6, 1], size: [4, 3], category: "Reihenstand", price: "600", extras: ["Strom", "Tisch und Stühle"] },
      ],
    },
  });

  const suffix = uniqueTag();
  const company = `Bäckerei Schäfer ${suffix} GmbH`;
  const employer = await signUpEmployer(browser, company);
  const rival = await signUpEmployer(browser, `Konkurrenz ${suffix} KG`);

  await openBookingPage(employer, fair);
  await expectAccessible(employer);
  await openBookingPage(rival, fair);

  // The first free booth: its label says size, category, price and extras.
  const free = employer.getByRole("radio", { disabled: false }).first();
  const boothText = (await free.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")).trim();
  expect(boothText).toBe("D01 · 4 × 3 m · Eckstand · 900,00 € · Strom, Tisch und Stühle");
  const booth = boothText.split(" · ")[0];
  await free.check();
  await employer.getByRole("checkbox", { name: "Strom" }).check();
  await employer.getByRole("button", { name: "Stand anfragen" }).click();
  await expect(employer.getByRole("status").filter({ hasText: "Ihre Anfrage ist eingegangen" })).toBeVisible();
  await expect(employer.getByText("reserviert, wartet auf Entscheidung")).toBeVisible();
  await expect(employer.getByLabel(new RegExp(`^${booth} · `))).toBeDisabled();

  // The rival still sees the booth free on the page loaded before, tries it,
  // and is told it was just taken; the plan refreshes.
  await rival.getByLabel(new RegExp(`^${booth} · `)).check();
  await rival.getByRole("button", { name: "Stand anfragen" }).click();
  await expect(rival.getByText("Dieser Stand wurde gerade vergeben.", { exact: false }).first()).toBeVisible();
  await expect(rival.getByLabel(new RegExp(`^${booth} · .*angefragt$`))).toBeDisabled();

  // The organiser approves.
  await organiser.goto("/organise");
  await organiser.getByRole("link", { name: fair.title, exact: true }).click();
  await organiser.getByRole("link", { name: "Standbuchungen" }).click();
  await expect(organiser.getByRole("heading", { level: 1, name: `Standbuchungen: ${fair.title}` })).toBeVisible();
  await waitForHydration(organiser);
  const request = organiser.getByRole("listitem").filter({ has: organiser.getByRole("heading", { name: company }) });
  await expect(request.getByText("reserviert, wartet auf Entscheidung")).toBeVisible();
  await expectAccessible(organiser);
  await request.getByRole("button", { name: "Bestätigen" }).click();
  await expect(request.getByText(/bestätigt · Nr\. \d+/)).toBeVisible();

  // The employer sees it confirmed, with a printable confirmation.
  await employer.goto("/bookings");
  await waitForHydration(employer);
  const mine = employer.getByRole("listitem").filter({ hasText: booth });
  await expect(mine.getByText(/bestätigt · Nr\. \d+/)).toBeVisible();
  await expectAccessible(employer);
  await mine.getByRole("link", { name: "Buchungsbestätigung öffnen" }).click();
  await expect(employer.getByRole("heading", { level: 1, name: /^Buchungsbestätigung Nr\. \d+$/ })).toBeVisible();
  await expect(employer.getByText(company)).toBeVisible();
  await expect(employer.getByText(`Halle 1 · ${booth}`, { exact: false })).toBeVisible();
  await expect(employer.getByText("Strom", { exact: true })).toBeVisible();
  await expect(employer.getByText("Agentur für Arbeit Frankfurt am Main")).toBeVisible();
  await expectAccessible(employer);

  // The rival cannot open it.
  await rival.goto(employer.url());
  await expect(rival.getByRole("alert")).toBeVisible();
  await expect(rival.getByText(company)).toHaveCount(0);

  // The employer presents itself: a job for this fair, and its profile.
  await employer.goto("/bookings");
  await waitForHydration(employer);
  await employer.getByRole("listitem").filter({ hasText: booth }).getByRole("link", { name: "Jobs für diese Messe" }).click();
  await expect(employer.getByRole("heading", { level: 1, name: `Jobs und Ausbildungsplätze: ${fair.title}` })).toBeVisible();
  await waitForHydration(employer);
  await employer.getByRole("button", { name: "Job eintragen" }).click();
  await expect(employer.getByLabel("Bezeichnung")).toHaveAttribute("aria-invalid", "true");
  await employer.getByLabel("Bezeichnung").fill("Bäcker/in (Ausbildung)");
  await employer.getByLabel("Art").selectOption({ label: "Ausbildung" });
  await employer.getByLabel("Arbeitsort").fill("Gießen");
  await employer.getByRole("checkbox", { name: "Türkisch" }).check();
  await employer.getByRole("button", { name: "Job eintragen" }).click();
  await expect(employer.getByRole("heading", { level: 3, name: "Bäcker/in (Ausbildung)" })).toBeVisible();
  await expectAccessible(employer);

  await employer.goto("/bookings");
  await waitForHydration(employer);
  await employer.getByRole("listitem").filter({ hasText: booth }).getByRole("link", { name: "Firmenprofil bearbeiten" }).click();
  await expect(employer.getByRole("heading", { level: 1, name: "Firmenprofil" })).toBeVisible();
  await waitForHydration(employer);
  await employer.getByLabel("Branche").selectOption({ label: "Handwerk" });
  await employer.getByLabel("Website").fill("javascript:alert(1)");
  await employer.getByRole("checkbox", { name: "Englisch" }).check();
  await employer.getByRole("button", { name: "Profil speichern" }).click();
  await expect(employer.getByText("Bitte geben Sie eine Webadresse ein", { exact: false })).toBeVisible();
  await expect(employer.getByLabel("Website")).toHaveAttribute("aria-invalid", "true");
  await employer.getByLabel("Website").fill("https://baeckerei-schaefer.example");
  await employer.getByRole("button", { name: "Profil speichern" }).click();
  await expect(employer.getByRole("status").filter({ hasText: "Gespeichert." })).toBeVisible();
  await expectAccessible(employer);
  // A logo, with a plain upload form; a text file posing as a picture is refused.
  await employer.getByRole("region", { name: "Logo" }).getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("kein Bild") });
  await employer.getByRole("button", { name: "Logo hochladen" }).click();
  await expect(employer.getByRole("alert").filter({ hasText: "Bitte laden Sie ein Bild als PNG, JPEG oder WebP hoch." })).toBeVisible();
  await employer.getByRole("region", { name: "Logo" }).getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG.sync.write(new PNG({ width: 8, height: 8 })) });
  await employer.getByRole("button", { name: "Logo hochladen" }).click();
  await expect(employer.getByRole("status").filter({ hasText: "Das Logo ist gespeichert." })).toBeVisible();
  await expect(employer.getByRole("img", { name: `Logo von ${company}` })).toBeVisible();

  // A visitor on a phone finds the employer in the directory, filtered by
  // industry, at its booth with its job, and the booth marked on the plan.
  const visitor = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await visitor.goto(fair.path);
  await expect(visitor.getByRole("region", { name: "Aussteller" }).getByRole("listitem").filter({ hasText: company })).toContainText(booth);
  // Under the plan, the booth is listed with its exhibitor (readable on a phone).
  await expect(visitor.getByRole("list", { name: /^Stände in / }).getByRole("listitem").filter({ hasText: booth })).toContainText(company);
  await visitor.getByRole("link", { name: "Alle Aussteller und Jobs" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: `Aussteller: ${fair.title}` })).toBeVisible();
  await visitor.getByLabel("Branche").selectOption({ label: "Handwerk" });
  await visitor.getByLabel("Sprache am Stand").selectOption({ label: "Englisch" });
  await visitor.getByRole("button", { name: "Filtern" }).click();
  await expect(visitor).toHaveURL(/industry=crafts/);
  const entry = visitor.getByRole("listitem").filter({ has: visitor.getByRole("heading", { name: company }) });
  await expect(entry).toContainText(`Halle 1 · ${booth}`);
  await expect(entry).toContainText("Bäcker/in (Ausbildung)");
  await expectAccessible(visitor);
  await entry.getByRole("link", { name: company }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(visitor.getByRole("heading", { level: 3, name: "Bäcker/in (Ausbildung)" })).toBeVisible();
  await expect(visitor.getByText("Ausbildung · Gießen · Beginn nach Absprache · Türkisch")).toBeVisible();
  await expect(visitor.locator(".booth-highlight")).toHaveCount(1);
  await expect(visitor.getByRole("img", { name: `Logo von ${company}` })).toBeVisible();
  await expectAccessible(visitor);

  for (const page of [employer, rival, organiser, visitor]) await page.context().close();
});

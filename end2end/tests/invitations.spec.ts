import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./helpers";

const LIST = [
  "Name;E-Mail;Sprache;Zeitfenster",
  "Ayşe Demir;ayse.demir@example.org;de;09:00",
  "Jan Weber;jan.weber@example.org;en;",
  "Olena Kovalenko;olena@kaputt;de;",
  "Felix Neumann;felix.neumann@example.org;de;07:00",
  "Ayşe Demir (doppelt);AYSE.DEMIR@example.org;de;",
  "Sara Haddad;sara.haddad@example.org;de;12:30",
].join("\r\n");

test("an organiser checks a CSV list, sends the good rows, watches them go out and reads one", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill("organisator@jobfair.demo");
  await page.getByLabel("Passwort").fill("jobfair-demo");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page.getByRole("link", { name: "Meine Messen" }).click();
  await page.getByRole("link", { name: "Jobmesse am Flughafen Frankfurt" }).click();
  await page.getByRole("link", { name: "Einladungen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Einladungen: Jobmesse am Flughafen Frankfurt" })).toBeVisible();
  await waitForHydration(page);

  // One person by hand, with a typo first.
  const one = page.getByRole("region", { name: "Eine Person einladen" });
  await one.getByLabel("Name").fill("Lukas Fischer");
  await one.getByLabel("E-Mail-Adresse").fill("lukas.fischer@");
  await one.getByRole("button", { name: "Einladung senden" }).click();
  await expect(one.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await one.getByLabel("E-Mail-Adresse").fill("lukas.fischer@example.org");
  await one.getByRole("button", { name: "Einladung senden" }).click();
  await expect(one.getByRole("status")).toContainText("lukas.fischer@example.org");

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
  await expect(invited.getByRole("row").filter({ hasText: "sara.haddad@example.org" })).toContainText("12:30");

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

  // The outbox shows what went out; the mail carries the personal link.
  await page.goto("/mail");
  await page.getByRole("row").filter({ hasText: "jan.weber@example.org" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Your personal invitation: Job fair at Frankfurt Airport" })).toBeVisible();
  const text = (await page.locator("pre.mail-text").textContent()) ?? "";
  expect(text).toMatch(/\/fairs\/flughafen-frankfurt\/register\?invite=\S+/);
  expect(text).toMatch(/\/unsubscribe\/\S+/);
});

import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoWasm, newestMail, signIn, uniqueEmail, verifyAddress, waitForHydration } from "./helpers";

test("the start page is server-rendered: content is there before any wasm runs", async ({ page }) => {
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Jobmessen, die funktionieren" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Jobmesse am Flughafen Frankfurt" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ausbildungs- und Jobmesse Mittelhessen" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.locator(".app[data-hydrated='true']")).toHaveCount(0);
  await expectAccessible(page);
});

test("on a public page the text-size control works without the app and is remembered", async ({ page }) => {
  await page.goto("/fairs/flughafen-frankfurt");
  await waitForHydration(page);
  await page.getByRole("button", { name: "A+ Größere Schrift" }).click();
  await expect(page).toHaveURL(/\/fairs\/flughafen-frankfurt$/);
  await expect(page.locator(".app")).toHaveAttribute("data-text-size", "large");
  await expect(page.getByRole("button", { name: "A+ Größere Schrift" })).toHaveAttribute("aria-pressed", "true");
  await expectNoWasm(page);
  await page.getByRole("button", { name: "A Normale Schrift" }).click();
  await expect(page.locator(".app")).toHaveAttribute("data-text-size", "normal");
});

test("in the app the text-size control responds in place and is remembered", async ({ page }) => {
  await signIn(page, "team@jobfair.demo");
  await waitForHydration(page);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("button", { name: "A+ Größere Schrift" }).click();
  await expect(page.locator(".app")).toHaveAttribute("data-text-size", "large");
  await expect(page.getByRole("button", { name: "A+ Größere Schrift" })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator(".app")).toHaveAttribute("data-text-size", "large");
});

test("English is one click away and stays chosen", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Job fairs that work" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Auf Deutsch umschalten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
});

test("an organiser signs up, is approved, signs out, mistypes the password and signs in", async ({ page, browser }) => {
  const email = uniqueEmail("organisatorin");
  await page.goto("/signup");
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel("einen Veranstalter (z. B. Jobcenter, Kammer, Messeteam)").check();
  await page.getByLabel("Name der Organisation oder Firma").fill("Jobcenter Offenbach");
  await page.getByLabel("Ihr Name").fill("Aylin Öztürk");
  await page.getByLabel("E-Mail-Adresse").fill("keine-adresse");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein")).toBeVisible();
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  // The same answer whether or not the address has an account: see your inbox.
  await expect(page.getByRole("heading", { level: 1, name: "Bitte sehen Sie in Ihr Postfach" })).toBeVisible();
  await expectAccessible(page);
  // The password is chosen with the mailed link: until then nobody signs in.
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("ein-gutes-passwort");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort stimmen nicht." })).toBeVisible();
  const mail = await newestMail(email, /\/account\/verify\//);
  const link = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
  await page.goto(new URL(link!).pathname);
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel("Wählen Sie Ihr Passwort").fill("kurz");
  await page.getByRole("button", { name: "Adresse bestätigen" }).click();
  await expect(page.getByText("Bitte mindestens 10 Zeichen eingeben.")).toBeVisible();
  await page.getByLabel("Wählen Sie Ihr Passwort").fill("ein-gutes-passwort");
  await page.getByRole("button", { name: "Adresse bestätigen" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Jobcenter Offenbach" })).toBeVisible();
  // A new organiser plans drafts until the installation's administrator approves.
  await expect(page.getByText("Wartet auf Freigabe", { exact: false })).toBeVisible();
  await expectAccessible(page);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@jobfair.demo");
  await admin.getByRole("link", { name: /^Freigaben/ }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Neue Veranstalter freigeben" })).toBeVisible();
  await waitForHydration(admin);
  const row = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: "Jobcenter Offenbach" }) }).filter({ hasText: email });
  await expect(row).toContainText("Jobcenter Offenbach");
  await expectAccessible(admin);
  await row.getByRole("button", { name: "Freigeben: Jobcenter Offenbach" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Jobcenter Offenbach" })).toBeVisible();
  await expect(admin.getByText(email)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Jobcenter Offenbach" })).toBeVisible();
  await expect(page.getByText("Wartet auf Freigabe", { exact: false })).toHaveCount(0);

  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();

  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("falsches-passwort");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort stimmen nicht." })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Passwort").fill("ein-gutes-passwort");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Jobcenter Offenbach" })).toBeVisible();
});

test("a demo organiser sees the team and can invite a colleague", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill("organisator@jobfair.demo");
  await page.getByLabel("Passwort").fill("jobfair-demo");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Agentur für Arbeit Frankfurt am Main" })).toBeVisible();
  const jonas = page.getByRole("listitem").filter({ hasText: "einlass@jobfair.demo" });
  await expect(jonas).toContainText("Jonas Becker");
  // The owner manages the team: each colleague's role can be changed, or the
  // colleague removed (not tried here: the demo team stays).
  await expect(jonas.getByLabel("Rolle von Jonas Becker")).toHaveValue("door_staff");
  await expect(jonas.getByRole("button", { name: "Jonas Becker entfernen" })).toBeVisible();
  const invitee = uniqueEmail("kollege");
  await page.getByLabel("E-Mail-Adresse der eingeladenen Person").fill(invitee);
  await page.getByLabel("Rolle", { exact: true }).selectOption("door_staff");
  await page.getByRole("button", { name: "Einladung senden" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Einladung an ${invitee} ist im Postausgang.` })).toBeVisible();
  await expectAccessible(page);

  // The outbox is the organisation's log of what went out.
  await page.goto("/mail");
  await expect(page.getByRole("heading", { level: 1, name: "Postausgang" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: invitee });
  await expect(row).toContainText(/wartet|gesendet/);
  await expectAccessible(page);
  await row.getByRole("link", { name: /Einladung zu Agentur für Arbeit Frankfurt am Main/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Einladung zu Agentur für Arbeit Frankfurt am Main/ })).toBeVisible();
  await expect(page.getByTitle("HTML-Fassung")).toBeVisible();
  // The planner reads what went out, but not the colleague's secret link.
  const text = (await page.locator("pre.mail-text").textContent()) ?? "";
  expect(text).toMatch(/\/invite\/••••••/);
  expect(text).not.toMatch(/\/invite\/[A-Za-z0-9_-]{20,}/);
  await expectAccessible(page, { sandboxedFrames: true });
  // The colleague finds it in their own inbox.
  const mail = await newestMail(invitee, /\/invite\//);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: "Einladung annehmen" })).toBeVisible();
});

test("unknown pages say so, with a way home", async ({ page }) => {
  const response = await page.goto("/gibt-es-nicht");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Zur Startseite" })).toBeVisible();
  await expectAccessible(page);
});

test("without JavaScript, a form still says what is wrong", async ({ browser }) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE", viewport: { width: 393, height: 851 } });
  const page = await noScript.newPage();
  await page.goto("/login");
  // An address of its own: five failures for one address within 15 minutes
  // lock it, so a fixed one would fail from the sixth run on.
  await page.getByLabel("E-Mail-Adresse").fill(uniqueEmail("niemand"));
  await page.getByLabel("Passwort").fill("falsches-passwort");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?__path=/);
  await expect(page.getByRole("alert")).toContainText("E-Mail-Adresse oder Passwort stimmen nicht.");
  await noScript.close();
});

test("a person deletes their account after reading what it means", async ({ page }) => {
  const email = uniqueEmail("geht");
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("einen Arbeitgeber, der ausstellen möchte").check();
  await page.getByLabel("Name der Organisation oder Firma").fill("Kurzzeit GmbH");
  await page.getByLabel("Ihr Name").fill("Karl Kurz");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bitte sehen Sie in Ihr Postfach" })).toBeVisible();
  await verifyAddress(page, email);
  await page.getByRole("link", { name: "Konto löschen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Konto löschen" })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByRole("listitem").filter({ hasText: "Kurzzeit GmbH" })).toContainText("Sie sind das einzige Mitglied");
  await expectAccessible(page);
  await page.getByLabel("Zur Bestätigung: Ihr Passwort").fill("falsches-passwort");
  await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
  await expect(page.getByText("E-Mail-Adresse oder Passwort stimmen nicht.")).toBeVisible();
  await page.getByLabel("Zur Bestätigung: Ihr Passwort").fill("ein-gutes-passwort");
  await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("ein-gutes-passwort");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort stimmen nicht." })).toBeVisible();
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, uniqueEmail, uniqueTag, waitForHydration } from "./helpers";

/** YYYY-MM-DD, `days` from today. */
function dayFromNow(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function signInAsOrganiser(page: Page) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill("organisator@jobfair.demo");
  await page.getByLabel("Passwort").fill("jobfair-demo");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("link", { name: "Meine Messen" })).toBeVisible();
}

/** Drags with the mouse from one hall position to another (in metres). */
async function dragInHall(page: Page, svg: Locator, hall: { w: number; d: number }, from: [number, number], to: [number, number]) {
  const box = await svg.boundingBox();
  if (!box) throw new Error("floor plan not visible");
  const at = ([x, y]: [number, number]) => [box.x + (x / hall.w) * box.width, box.y + (y / hall.d) * box.height] as const;
  const [x0, y0] = at(from);
  const [x1, y1] = at(to);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x1, y1, { steps: 4 });
  await page.mouse.up();
}

test.describe("an organiser on a tablet", () => {
  test.use({ viewport: { width: 1024, height: 900 }, isMobile: false, hasTouch: true });

  test("plans a fair with slots and a drawn floor plan, publishes it, and a visitor on a phone sees it", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const day = dayFromNow(60);
    // A title no earlier run used: the server makes the slug from it.
    const tag = uniqueTag();
    const title = `Jobmesse Kassel Nord ${tag}`;
    await signInAsOrganiser(page);
    await page.getByRole("link", { name: "Meine Messen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Meine Messen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Jobmesse am Flughafen Frankfurt" })).toBeVisible();
    await expectAccessible(page);

    // The new fair, with a field error first.
    const newFair = page.locator("form", { has: page.getByRole("heading", { name: "Neue Messe anlegen" }) });
    await newFair.getByLabel("Titel (Deutsch)").fill(title);
    await newFair.getByLabel("Titel (Englisch, optional)").fill("Kassel North job fair");
    await newFair.getByLabel("Beschreibung (Deutsch)").fill("Arbeitgeber aus Nordhessen stellen sich vor.");
    await newFair.getByLabel("Veranstaltungsort").fill("Messe Kassel, Halle Ost");
    await newFair.getByLabel("Beginn").fill(`${day}T09:00`);
    await newFair.getByLabel("Ende").fill(`${day}T16:00`);
    await newFair.getByLabel("Anmeldung ab").fill(`${dayFromNow(-1)}T08:00`);
    await newFair.getByLabel("Anmeldung bis").fill(`${day}T12:00`);
    await newFair.getByRole("button", { name: "Messe als Entwurf anlegen" }).click();
    const address = newFair.getByRole("textbox", { name: /^Adresse/ });
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Bitte füllen Sie dieses Feld aus.")).toBeVisible();
    await expect(newFair.getByLabel("Titel (Deutsch)")).toHaveValue(title);
    await address.fill("Damaschkestraße 55, 34121 Kassel");
    await newFair.getByRole("button", { name: "Messe als Entwurf anlegen" }).click();

    await expect(page).toHaveURL(/\/organise\/fairs\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
    await expect(page.getByText("Entwurf").first()).toBeVisible();
    await waitForHydration(page);

    // Publishing without a time slot is refused with a clear message.
    await page.getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(page.getByText("Legen Sie vor dem Veröffentlichen mindestens ein Zeitfenster an.")).toBeVisible();

    // Two time slots: invited jobseekers in the morning, everyone after lunch.
    const slots = page.getByRole("region", { name: "Zeitfenster für den Einlass" });
    const addSlot = async (from: string, to: string, places: string, entry: string) => {
      const form = slots.locator("form", { has: page.getByRole("heading", { name: "Zeitfenster hinzufügen" }) });
      await form.getByLabel("Von").fill(`${day}T${from}`);
      await form.getByLabel("Bis").fill(`${day}T${to}`);
      await form.getByLabel("Plätze").fill(places);
      await form.getByLabel("Einlass").selectOption({ label: entry });
      await form.getByRole("button", { name: "Zeitfenster hinzufügen" }).click();
    };
    await addSlot("09:00", "12:00", "300", "nur mit Einladung");
    await expect(slots.getByText("0 von 300 Plätzen vergeben")).toBeVisible();
    await addSlot("12:30", "14:00", "50", "offen für alle");
    await expect(slots.getByText("0 von 50 Plätzen vergeben")).toBeVisible();

    // A hall, then its floor plan.
    const halls = page.getByRole("region", { name: "Hallen und Standplan" });
    await halls.getByLabel("Name der Halle").fill("Halle Ost");
    await halls.getByLabel("Breite in Metern").fill("30");
    await halls.getByLabel("Tiefe in Metern").fill("15");
    await halls.getByRole("button", { name: "Halle hinzufügen" }).click();
    await halls.getByRole("link", { name: "Standplan „Halle Ost“ bearbeiten" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Standplan: Halle Ost" })).toBeVisible();
    await waitForHydration(page);
    const plan = page.getByRole("group", { name: "Standplan Halle Ost" });
    const hall = { w: 30, d: 15 };
    const boothForm = page.getByRole("region", { name: /Neuer Stand|Stand .* bearbeiten/ });

    // Five booths drawn with the pointer: drag a rectangle, name it, save.
    for (let i = 0; i < 5; i++) {
      const x = 1 + i * 5;
      await dragInHall(page, plan, hall, [x, 1], [x + 4, 4]);
      await expect(page.getByRole("heading", { name: "Neuer Stand" })).toBeVisible();
      await expect(boothForm.getByLabel("Breite (m)")).toHaveValue("4");
      await boothForm.getByLabel("Standnummer").fill(`A${i + 1}`);
      if (i === 2) {
        await boothForm.getByLabel("Kategorie").selectOption({ label: "Premiumstand" });
        await boothForm.getByLabel("Bildschirm für Firmenfilme").check();
      }
      await boothForm.getByRole("button", { name: "Stand speichern" }).click();
      await expect(plan.getByRole("button", { name: new RegExp(`^Stand A${i + 1}, 4 × 3 m`) })).toBeVisible();
    }

    // Drawing over an existing booth is refused and nothing is saved.
    await dragInHall(page, plan, hall, [1, 5], [5, 3]);
    await boothForm.getByLabel("Standnummer").fill("X9");
    await boothForm.getByRole("button", { name: "Stand speichern" }).click();
    await expect(page.getByText("Der Stand überschneidet sich mit einem anderen Stand.").first()).toBeVisible();
    await expect(plan.getByRole("button", { name: /^Stand X9/ })).toHaveCount(0);

    // The sixth booth with the keyboard and the form only.
    await page.getByRole("button", { name: "Neuer Stand" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Neuer Stand" })).toBeVisible();
    await boothForm.getByLabel("Standnummer").focus();
    await page.keyboard.type("B1");
    for (const [label, value] of [["Abstand von links (m)", "1"], ["Abstand von oben (m)", "9"], ["Breite (m)", "6"], ["Tiefe (m)", "4,5"], ["Preis in Euro", "1.200"]]) {
      await boothForm.getByLabel(label).focus();
      await page.keyboard.press("Control+A");
      await page.keyboard.type(value);
    }
    await boothForm.getByLabel("Strom").focus();
    await page.keyboard.press("Space");
    await boothForm.getByRole("button", { name: "Stand speichern" }).focus();
    await page.keyboard.press("Enter");
    const b1 = plan.getByRole("button", { name: /^Stand B1, 6 × 4,5 m \(27 m²\), Position 1 m \/ 9 m/ });
    await expect(b1).toBeVisible();

    // Keyboard moves: arrow keys move by half a metre, and into a neighbour is refused.
    await plan.getByRole("button", { name: /^Stand A1,/ }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(plan.getByRole("button", { name: /^Stand A1, 4 × 3 m \(12 m²\), Position 1 m \/ 1,5 m/ })).toBeFocused();
    await page.keyboard.press("Shift+ArrowRight");
    await expect(plan.getByRole("button", { name: /^Stand A1, 4,5 × 3 m/ })).toBeVisible();
    // Now 5 m wide: touching A2 is fine, one more step would overlap it.
    await page.keyboard.press("Shift+ArrowRight");
    await expect(plan.getByRole("button", { name: /^Stand A1, 5 × 3 m/ })).toBeFocused();
    await page.keyboard.press("Shift+ArrowRight");
    await expect(page.getByRole("status").filter({ hasText: "überschneidet" })).toHaveCount(1);
    await expect(plan.getByRole("button", { name: /^Stand A1, 5 × 3 m/ })).toBeFocused();

    // A pointer drag moves booth B1 two metres to the right.
    const b1Box = await b1.boundingBox();
    if (!b1Box) throw new Error("B1 not visible");
    await page.mouse.move(b1Box.x + b1Box.width / 2, b1Box.y + b1Box.height / 2);
    await page.mouse.down();
    const metre = b1Box.width / 6;
    await page.mouse.move(b1Box.x + b1Box.width / 2 + 2 * metre, b1Box.y + b1Box.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect(plan.getByRole("button", { name: /^Stand B1, 6 × 4,5 m \(27 m²\), Position 3 m \/ 9 m/ })).toBeVisible();

    // A finger moves booth A3 two metres down: real touch events through Chromium's input pipeline.
    const a3Box = await plan.getByRole("button", { name: /^Stand A3,/ }).boundingBox();
    if (!a3Box) throw new Error("A3 not visible");
    const cdp = await page.context().newCDPSession(page);
    const [tx, ty] = [a3Box.x + a3Box.width / 2, a3Box.y + a3Box.height / 2];
    const metreY = a3Box.height / 3;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: tx, y: ty }] });
    for (let step = 1; step <= 5; step++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: tx, y: ty + (step * 2 * metreY) / 5 }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect(plan.getByRole("button", { name: /^Stand A3, 4 × 3 m \(12 m²\), Position 11 m \/ 3 m/ })).toBeVisible();
    await expectAccessible(page);

    // The server kept all of it.
    await page.reload();
    await expect(plan.getByRole("button", { name: /^Stand / })).toHaveCount(6);
    await expect(plan.getByRole("button", { name: /^Stand B1, 6 × 4,5 m \(27 m²\), Position 3 m \/ 9 m/ })).toBeVisible();
    await expect(plan.getByRole("button", { name: /^Stand A1, 5 × 3 m \(15 m²\), Position 1 m \/ 1,5 m/ })).toBeVisible();
    await expect(plan.getByRole("button", { name: /^Stand A3, 4 × 3 m \(12 m²\), Position 11 m \/ 3 m/ })).toBeVisible();

    // Publish.
    await page.getByRole("link", { name: "Messe planen" }).click();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(page.getByText("Veröffentlicht").first()).toBeVisible();
    const publicLink = page.getByRole("link", { name: "Öffentliche Seite ansehen" });
    const href = await publicLink.getAttribute("href");
    expect(href).toBe(`/fairs/jobmesse-kassel-nord-${tag}`);
    await expectAccessible(page);

    // An anonymous visitor on a phone, with JavaScript off.
    const phone = await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true, hasTouch: true, javaScriptEnabled: false, locale: "de-DE" });
    const visitor = await phone.newPage();
    await visitor.goto(href!);
    await expect(visitor.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
    await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
    await expect(visitor.locator('meta[name="description"]')).toHaveAttribute("content", /Nordhessen/);
    const rows = visitor.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText("09:00–12:00");
    await expect(rows.nth(1)).toContainText("nur mit Einladung");
    await expect(rows.nth(1)).toContainText("300");
    await expect(rows.nth(2)).toContainText("50");
    await expect(visitor.getByRole("img", { name: "Halle Ost: 6 Stände, 0 belegt, 6 frei" })).toBeVisible();
    await expect(visitor.getByText(/Die Anmeldung ist offen bis/)).toBeVisible();
    await phone.close();
    // axe needs JavaScript: the same page on a phone with it on.
    const phoneWithJs = await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true, hasTouch: true, locale: "de-DE" });
    const visitorWithJs = await phoneWithJs.newPage();
    await visitorWithJs.goto(href!);
    await waitForHydration(visitorWithJs);
    await expect(visitorWithJs.getByRole("img", { name: "Halle Ost: 6 Stände, 0 belegt, 6 frei" })).toBeVisible();
    await expectAccessible(visitorWithJs);
    await phoneWithJs.close();
  });
});

test("the demo fair page shows exhibitors on the plan, and the dashboard exports open in Excel", async ({ page }) => {
  // A registration of the test's own, to find in the export: the demo fair's
  // registrations grow with every test and run that registers for it.
  const name = `Hanna Export ${uniqueTag()}`;
  const email = uniqueEmail("export");
  await page.goto("/fairs/flughafen-frankfurt/register");
  await waitForHydration(page);
  await page.getByLabel("Vor- und Nachname").fill(name);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel(/12:30/).check();
  await page.getByLabel("Ich habe die Datenschutzhinweise gelesen und bin einverstanden.").check();
  await page.getByRole("button", { name: "Kostenlos anmelden" }).click();
  await expect(page.getByRole("img", { name: /QR-Code Ihres Tickets/ })).toBeVisible();

  await page.goto("/fairs/flughafen-frankfurt");
  await expect(page.getByRole("heading", { level: 1, name: "Jobmesse am Flughafen Frankfurt" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Halle B: 12 Stände, 6 belegt, 5 frei" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Aussteller" }).getByText("SkyCater Frankfurt GmbH")).toBeVisible();
  // On a phone the drawing is small: the booths are listed under it with their exhibitors.
  await expect(page.getByRole("list", { name: "Stände in Halle B" }).getByRole("listitem").filter({ hasText: "A02" })).toHaveText(/A02\s+SkyCater Frankfurt GmbH/);
  await expectAccessible(page);

  await signInAsOrganiser(page);
  await page.goto("/organise");
  await page.getByRole("link", { name: "Jobmesse am Flughafen Frankfurt" }).click();
  await page.getByRole("link", { name: "Übersicht und Exporte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Übersicht: Jobmesse am Flughafen Frankfurt/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Anmeldungen je Zeitfenster/ })).toBeVisible();
  // The number of active registrations the dashboard counts, to hold the export against.
  const stat = page.getByRole("listitem").filter({ hasText: "Anmeldungen (von" });
  await expect(stat).toHaveText(/^\s*\d+\s*Anmeldungen \(von/);
  const active = Number(/^\s*(\d+)/.exec((await stat.textContent()) ?? "")![1]);
  expect(active).toBeGreaterThanOrEqual(37);
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Anmeldungen (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("flughafen-frankfurt-anmeldungen.csv");
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("Name;E-Mail;Zeitfenster;Status;Sprache;Angemeldet am");
  // One line per registration: as many active ones as the dashboard counts
  // (the demo's 36 and this test's own among them), and cancelled ones.
  const rows = lines.slice(1).map((line) => line.split(";"));
  expect(rows.every((cells) => cells.length === 6), lines.join("\n")).toBe(true);
  expect(rows.filter((cells) => cells[3] === "angemeldet")).toHaveLength(active);
  const own = rows.find((cells) => cells[1] === email);
  expect(own, `${email} in the export`).toBeDefined();
  expect(own!.slice(0, 5)).toEqual([name, email, expect.stringContaining("12:30–16:00"), "angemeldet", "de"]);
});

// The page in a real browser: Debian's headless Chromium, driven by playwright-core, against a
// running `whosaid serve` on the bundled corpus. Checks what a person sees and clicks, and saves
// screenshots (desktop and phone widths) for the guide (GUIDE.md).
//
// Usage: node check.mjs http://127.0.0.1:PORT SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node check.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let passed = 0;
let failed = 0;
function check(what, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failed += 1;
    console.log(`FAIL ${what}${detail ? ": " + detail : ""}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), "whosaid-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
  viewport: DESKTOP,
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  // Search.
  await page.goto(`${base}/?q=Swift`);
  const speakers = await page.locator(".hit .speaker").allTextContents();
  check("the hits of /?q=Swift name Annalena Baerbock", speakers.includes("Annalena Baerbock"), speakers.join(", "));
  const countries = await page.locator(".hit .tag.country").allTextContents();
  check("and her country, Germany", countries.includes("Germany"), countries.join(", "));
  check("the snippet marks the word", (await page.locator(".hit mark").first().textContent())?.toLowerCase() === "swift");
  check("the timeline is drawn", (await page.locator("figure.timeline svg a").count()) > 0);
  await page.screenshot({ path: join(shots, "search-desktop.png") });

  // Keyboard: "/" focuses the search box.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  check("/ focuses the search box", await page.evaluate(() => document.activeElement?.id === "q"));
  await page.keyboard.press("Escape");

  // A facet click adds the filter, and the URL says so.
  const before = await page.locator(".summary strong").textContent();
  await Promise.all([page.waitForURL(/country=Germany/), page.locator('aside a[href*="country=Germany"]').first().click()]);
  check("a facet click adds country=Germany to the URL", page.url().includes("country=Germany"), page.url());
  const chip = page.locator('.chip a[aria-label="Remove the filter country: Germany"]');
  check("the filter shows as a removable chip", (await chip.count()) === 1);
  const narrowed = await page.locator(".hit .tag.country").allTextContents();
  check("every hit is now by a speaker of Germany", narrowed.length > 0 && narrowed.every((c) => c === "Germany"), narrowed.join(", "));
  const after = await page.locator(".summary strong").textContent();
  check("the count narrows", before !== after, `${before} -> ${after}`);

  // A timeline bar narrows the dates.
  await Promise.all([page.waitForURL(/since=/), page.locator("figure.timeline svg a").first().click()]);
  check("a timeline bar sets since and until", /since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d/.test(page.url()), page.url());

  // The speaker page.
  await page.goto(`${base}/?q=Swift`);
  await Promise.all([page.waitForURL(/\/speaker\//), page.locator(".hit a.speaker", { hasText: "Annalena Baerbock" }).first().click()]);
  check("the speaker link opens her page", (await page.locator("h1").textContent()) === "Annalena Baerbock");
  const facts = await page.locator("dl.facts").textContent();
  check("her page gives her country and role", facts.includes("Germany") && /foreign minister/i.test(facts), facts);
  check("and her latest statements", (await page.locator(".profile .hit").count()) > 0);
  await page.screenshot({ path: join(shots, "speaker-desktop.png") });

  // Provenance.
  await page.goto(`${base}/check?quote=${encodeURIComponent("not the sharpest sword")}&min_coverage=0.7`);
  check("/check lists who said the words", (await page.locator(".check .hit").count()) > 0);

  // Phone width.
  await page.setViewportSize(PHONE);
  await page.goto(`${base}/?q=Swift`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("the search page fits a phone's width", overflow <= 0, `${overflow}px too wide`);
  await page.screenshot({ path: join(shots, "search-phone.png") });
  await page.goto(`${base}/speaker/Annalena%20Baerbock`);
  await page.screenshot({ path: join(shots, "speaker-phone.png") });

  check("no script error on any page", errors.length === 0, errors.join("; "));
} catch (e) {
  check("the browser run finished", false, e.stack || String(e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

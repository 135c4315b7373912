// Runs Lighthouse on a list of pages and prints one table row per page.
// Used by scripts/bench-lighthouse.sh; runs on its own too:
//   LIGHTHOUSE_DIR=~/.cache/jobfair/lighthouse node scripts/lib/lighthouse.mjs OUT_DIR < PAGES
// PAGES (on stdin, so that session cookies stay out of files) is
// tab-separated, one page a line: name, URL, and optionally a Cookie
// header (signed-in pages). OUT_DIR gets each page's full report as
// <name>.json. Lighthouse's defaults otherwise: the mobile preset (phone
// screen, simulated slow 4G and a 4x slower CPU), a fresh Chromium per page.
// Exits non-zero when Lighthouse fails on a page; never on scores.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outDir] = process.argv.slice(2);
if (!outDir || !process.env.LIGHTHOUSE_DIR) {
  console.error('usage: LIGHTHOUSE_DIR=DIR node lighthouse.mjs OUT_DIR < PAGES_TSV');
  process.exit(2);
}

// Lighthouse lives in a cache folder, not in the repository: an ES module
// resolves imports next to itself, so resolve them from that folder, and
// chrome-launcher from Lighthouse (its dependency, whichever copy it uses).
const fromCache = createRequire(join(process.env.LIGHTHOUSE_DIR, 'package.json'));
const lighthousePath = fromCache.resolve('lighthouse');
const { default: lighthouse } = await import(pathToFileURL(lighthousePath));
const chromeLauncher = await import(pathToFileURL(createRequire(lighthousePath).resolve('chrome-launcher')));
const { default: puppeteer } = await import(pathToFileURL(createRequire(lighthousePath).resolve('puppeteer-core')));

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
// No internet here: without the background-networking flags Chromium keeps
// trying to reach Google (updates, sync, field trials), which is noise at best.
const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const pages = readFileSync(0, 'utf8').split('\n').filter(Boolean).map((line) => {
  const [name, url, cookie] = line.split('\t');
  return { name, url, cookie };
});
mkdirSync(outDir, { recursive: true });

// Transferred bytes of wasm and of JavaScript, from the network requests
// Lighthouse recorded (what came over the wire: compressed if the server
// compressed).
function bytesOf(lhr) {
  const items = lhr.audits['network-requests']?.details?.items ?? [];
  let wasm = 0, js = 0;
  for (const r of items) {
    const path = r.url.split(/[?#]/)[0];
    if (r.mimeType === 'application/wasm' || path.endsWith('.wasm')) wasm += r.transferSize ?? 0;
    else if (r.resourceType === 'Script' || /javascript/.test(r.mimeType ?? '')) js += r.transferSize ?? 0;
  }
  return { wasm, js };
}

const rows = [];
let failed = false;
/** One Lighthouse run in a fresh Chromium. */
async function measure(page) {
  let chrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
    // A signed-in page: the session cookie goes into the browser's own
    // cookie jar, so the page's own requests (server functions) carry it
    // as they would for a person (an extra request header reaches only
    // some of them).
    if (page.cookie) {
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
      const [name, ...value] = page.cookie.split('=');
      await browser.setCookie({ name, value: value.join('='), url: new URL(page.url).origin, httpOnly: true, sameSite: 'Lax' });
      await browser.disconnect();
    }
    return await lighthouse(page.url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
  } finally {
    await chrome?.kill();
  }
}

for (const page of pages) {
  const started = Date.now();
  process.stderr.write(`lighthouse: ${page.name} (${page.url}) ... `);
  let result;
  try {
    result = await measure(page);
    // Chromium now and then fails to record the trace (NO_NAVSTART): once more.
    if (result.lhr.runtimeError?.code === 'NO_NAVSTART') result = await measure(page);
  } catch (error) {
    process.stderr.write(`failed: ${error.message}\n`);
    failed = true;
    continue;
  }
  const lhr = result.lhr;
  writeFileSync(join(outDir, `${page.name}.json`), result.report);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // A page that did not load (error status, no paint) comes back with a
  // runtimeError and empty figures: that is a failure of the run.
  if (lhr.runtimeError) {
    process.stderr.write(`failed after ${seconds} s: ${lhr.runtimeError.code} ${lhr.runtimeError.message}\n`);
    failed = true;
    continue;
  }
  process.stderr.write(`${seconds} s\n`);
  const requested = new URL(page.url), landed = new URL(lhr.finalDisplayedUrl);
  if (landed.pathname !== requested.pathname) {
    // A signed-in page that redirects to the sign-in page measured the wrong page.
    console.error(`  note: ${page.name} ended on ${landed.pathname}`);
  }
  const score = (id) => {
    const s = lhr.categories[id]?.score;
    return s == null ? '-' : String(Math.round(s * 100));
  };
  const ms = (id) => {
    const v = lhr.audits[id]?.numericValue;
    return v == null ? '-' : String(Math.round(v));
  };
  const { wasm, js } = bytesOf(lhr);
  // Long ticket tokens would blow up the column: shortened for the table only.
  let path = requested.pathname;
  if (path.length > 40) path = path.slice(0, 39) + '…';
  rows.push([page.name, path, score('performance'), score('accessibility'), score('best-practices'),
    ms('largest-contentful-paint'), ms('total-blocking-time'),
    String(Math.round(lhr.audits['total-byte-weight']?.numericValue ?? 0)), String(wasm), String(js)]);
}

const header = ['page', 'path', 'perf', 'a11y', 'bp', 'LCP ms', 'TBT ms', 'bytes', 'wasm', 'js'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
// Text columns left-aligned, figures right-aligned.
const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
process.exit(failed ? 1 : 0);

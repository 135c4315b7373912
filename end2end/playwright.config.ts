import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (Playwright's own browser download is not reachable here).
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// The server under test is always named: the tests create people and fairs,
// so they must never land on someone's own demo at port 3000 by default.
// scripts/test.sh starts a fresh release server and sets this.
const baseURL = process.env.JOBFAIR_BASE_URL;
if (!baseURL) {
  throw new Error("Set JOBFAIR_BASE_URL to the server under test (scripts/test.sh starts one and sets it).");
}

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "de-DE",
    trace: "off",
  },
  projects: [
    {
      name: "phone",
      use: {
        ...devices["Pixel 5"],
        launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
      },
    },
  ],
});

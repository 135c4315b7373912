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

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.JOBFAIR_BASE_URL ?? "http://127.0.0.1:3000",
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

import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3200);
// Debian's Chromium where it exists (no browser download here); Playwright's own browser elsewhere.
const debianChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH || (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: "./e2e",
  // Its own folder per suite when the two engines' suites run side by side (scripts/test.mjs).
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS || 1),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    // localhost (not 127.0.0.1): Auth.js builds its URLs with localhost and the cookie host must match.
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [
    // Each demo account signs in once through the form (e2e/auth.setup.ts); the specs reuse the saved sessions.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /settings\.spec\.ts/, dependencies: ["setup"] },
    // Site-wide settings (site language, time zone) change every page: that spec runs alone, after
    // the others, so parallel workers never see a site switched to English under them
    // (`npx playwright test e2e/settings.spec.ts --no-deps` runs it alone).
    { name: "site-settings", use: { ...devices["Desktop Chrome"] }, testMatch: /settings\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${port}/api/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // E2E_TEST_HOOKS enables the test-only route (app/api/test-hooks/[hook]); never set it in production.
    env: { E2E_PORT: String(port), E2E_TEST_HOOKS: "1" },
  },
});

/**
 * The demo accounts' passwords on the test harnesses' throw-away databases only (e2e, bench,
 * stress): scripts/e2e-server.mjs and scripts/stress pass them to the seed as DEMO_PASSWORDS,
 * e2e/fixtures.ts signs in with them. `npm start` never uses these (its demo passwords are random).
 */
export const TEST_DEMO_PASSWORDS = {
  admin: "demo-admin-pass",
  editor: "demo-editor-pass",
  claire: "demo-claire-pass",
  yanis: "demo-yanis-pass",
};

/** The DEMO_PASSWORDS value for them. */
export const TEST_DEMO_PASSWORDS_ENV = Object.entries(TEST_DEMO_PASSWORDS)
  .map(([key, password]) => `${key}=${password}`)
  .join(",");

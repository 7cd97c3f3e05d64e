import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([".next*/**", "node_modules/**", ".data/**", ".tmp/**", "vendor/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);

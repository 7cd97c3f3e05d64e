import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export type Lang = "fr" | "en";
type Tree = { [key: string]: string | Tree };

const cache = new Map<string, Tree>();
function catalogue(locale: Lang, namespace: string): Tree | undefined {
  const file = path.join("messages", locale, `${namespace}.json`);
  if (!cache.has(file) && existsSync(file)) cache.set(file, JSON.parse(readFileSync(file, "utf8")) as Tree);
  return cache.get(file);
}

/** The catalogue's text for `namespace.a.b` in a language, or undefined when the key is not there (yet). */
export function maybeLabel(locale: Lang, key: string): string | undefined {
  const [namespace, ...rest] = key.split(".");
  let node: string | Tree | undefined = catalogue(locale, namespace);
  for (const part of rest) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/**
 * A label as the interface shows it, read from the catalogue (messages/<lang>/<namespace>.json) by
 * key, so the specs follow the catalogue. Plain messages only; `{name}` arguments are filled from `values`.
 */
export function label(locale: Lang, key: string, values: Record<string, string | number> = {}): string {
  const text = maybeLabel(locale, key);
  if (text === undefined) throw new Error(`No message ${key} in messages/${locale}`);
  const out = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  if (/[{}<]/.test(out)) throw new Error(`${key} is not a plain message: ${text}`);
  return out.replaceAll("''", "'");
}

/** Whether every key is in both catalogues. */
export const hasLabels = (...keys: string[]) => keys.every((k) => maybeLabel("fr", k) !== undefined && maybeLabel("en", k) !== undefined);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Either language's text of a key, exactly. */
export const eitherLanguage = (key: string) => new RegExp(`^(${escape(label("en", key))}|${escape(label("fr", key))})$`);

/**
 * Sets the signed-in person's Interface language on /newsroom/profile → Preferences ("" = the
 * site language), whichever language the page is in when it starts.
 */
export async function chooseInterfaceLanguage(page: Page, value: Lang | "") {
  await page.goto("/newsroom/profile");
  await page.getByLabel(eitherLanguage("preferences.interfaceLanguage")).selectOption(value);
  await page.getByRole("button", { name: eitherLanguage("preferences.save") }).click();
  await expect(page.getByText(eitherLanguage("preferences.saved"))).toBeVisible();
}

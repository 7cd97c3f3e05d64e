"use client";

import { useTranslations } from "next-intl";
import { memo, useRef, useState } from "react";

import { LIMITS } from "@/lib/validations/article";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";
import { attachTypography, type InputTypographyOptions } from "./typography-input";

type Item = { key: number; text: string };
type HighlightsFieldProps = { ctl: AutosaveController; initial: string[]; disabled: boolean; error?: string; typing?: InputTypographyOptions };

/**
 * Key points: Enter adds one below, Alt+↑/↓ moves the current one, Backspace in an empty one
 * removes it; every action also has a button.
 */
export const HighlightsField = memo(function HighlightsField({ ctl, initial, disabled, error, typing }: HighlightsFieldProps) {
  const t = useTranslations("editor");
  const tv = useTranslations("validation");
  const nextKey = useRef(initial.length);
  const [items, setItems] = useState<Item[]>(() => initial.map((text, key) => ({ key, text })));
  const [announce, setAnnounce] = useState("");
  const inputs = useRef(new Map<number, HTMLInputElement | null>());

  const commit = (next: Item[], focusKey?: number, message?: string) => {
    setItems(next);
    ctl.set(
      "highlights",
      next.map((i) => i.text),
    );
    if (message) setAnnounce(message);
    if (focusKey !== undefined) requestAnimationFrame(() => inputs.current.get(focusKey)?.focus());
  };
  const add = (at = items.length) => {
    if (items.length >= LIMITS.highlights) return setAnnounce(t("highlights.max", { max: LIMITS.highlights }));
    const item = { key: nextKey.current++, text: "" };
    commit([...items.slice(0, at), item, ...items.slice(at)], item.key, t("highlights.added", { n: at + 1 }));
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    const focus = next[Math.max(0, index - 1)]?.key;
    commit(next, focus, t("highlights.removed", { n: index + 1 }));
  };
  const move = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    [next[index], next[to]] = [next[to], next[index]];
    commit(next, items[index].key, t("highlights.moved", { to: to + 1, total: items.length }));
  };

  // No maxLength (a paste would be cut without a word): a key point over the limit is marked.
  const overLimit = (text: string) => text.length > LIMITS.highlight;
  const shown = error ?? (items.some((i) => overLimit(i.text)) ? tv("article.highlightMax", { max: LIMITS.highlight }) : undefined);
  const small = "rounded border border-neutral-400 px-2 py-1 text-xs disabled:opacity-40 dark:border-neutral-600";
  return (
    <div role="group" aria-labelledby="highlights-label" aria-describedby="highlights-help">
      <span id="highlights-label" className="mb-1 block text-sm font-semibold">
        {t("fields.highlights")}
      </span>
      <p id="highlights-help" className="mb-1 text-xs text-neutral-600 dark:text-neutral-400">
        {t("highlights.help", { max: LIMITS.highlights })}
      </p>
      <ol className="space-y-1">
        {items.map((item, i) => (
          <li key={item.key} className="flex items-center gap-1">
            <span aria-hidden="true" className="w-5 text-right text-sm text-neutral-600">
              {i + 1}.
            </span>
            <input
              ref={(el) => {
                inputs.current.set(item.key, el);
                const detach = el && typing ? attachTypography(el, typing) : undefined;
                return () => {
                  detach?.();
                  inputs.current.delete(item.key);
                };
              }}
              aria-label={t("highlights.item", { n: i + 1 })}
              value={item.text}
              aria-invalid={overLimit(item.text) ? true : undefined}
              aria-describedby={overLimit(item.text) ? "highlights-error" : undefined}
              disabled={disabled}
              onChange={(e) => commit(items.map((x) => (x.key === item.key ? { ...x, text: e.target.value } : x)))}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add(i + 1);
                } else if (e.altKey && e.key === "ArrowUp") {
                  e.preventDefault();
                  move(i, -1);
                } else if (e.altKey && e.key === "ArrowDown") {
                  e.preventDefault();
                  move(i, 1);
                } else if (e.key === "Backspace" && item.text === "") {
                  e.preventDefault();
                  remove(i);
                }
              }}
              className={inputClass}
            />
            <button
              type="button"
              className={small}
              disabled={disabled || i === 0}
              onClick={() => move(i, -1)}
              aria-label={t("highlights.moveUp", { n: i + 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className={small}
              disabled={disabled || i === items.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t("highlights.moveDown", { n: i + 1 })}
            >
              ↓
            </button>
            <button type="button" className={small} disabled={disabled} onClick={() => remove(i)} aria-label={t("highlights.remove", { n: i + 1 })}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className={`${small} mt-1`} disabled={disabled || items.length >= LIMITS.highlights} onClick={() => add()}>
        {t("highlights.add")}
      </button>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      <FieldError id="highlights-error" error={shown} />
    </div>
  );
});

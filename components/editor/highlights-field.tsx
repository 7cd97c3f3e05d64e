"use client";

import { memo, useRef, useState } from "react";

import { LIMITS } from "@/lib/validations/article";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";

type Item = { key: number; text: string };
type HighlightsFieldProps = { ctl: AutosaveController; initial: string[]; disabled: boolean; error?: string };

/**
 * Key points: Enter adds one below, Alt+↑/↓ moves the current one, Backspace in an empty one
 * removes it; every action also has a button.
 */
export const HighlightsField = memo(function HighlightsField({ ctl, initial, disabled, error }: HighlightsFieldProps) {
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
    if (items.length >= LIMITS.highlights) return setAnnounce(`At most ${LIMITS.highlights} key points.`);
    const item = { key: nextKey.current++, text: "" };
    commit([...items.slice(0, at), item, ...items.slice(at)], item.key, `Key point ${at + 1} added.`);
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    const focus = next[Math.max(0, index - 1)]?.key;
    commit(next, focus, `Key point ${index + 1} removed.`);
  };
  const move = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    [next[index], next[to]] = [next[to], next[index]];
    commit(next, items[index].key, `Key point moved to position ${to + 1} of ${items.length}.`);
  };

  const small = "rounded border border-neutral-400 px-2 py-1 text-xs disabled:opacity-40 dark:border-neutral-600";
  return (
    <div role="group" aria-labelledby="highlights-label" aria-describedby="highlights-help">
      <span id="highlights-label" className="mb-1 block text-sm font-semibold">
        Highlights
      </span>
      <p id="highlights-help" className="mb-1 text-xs text-neutral-600 dark:text-neutral-400">
        Up to {LIMITS.highlights} key points. Enter adds one, Alt+↑/↓ reorders.
      </p>
      <ol className="space-y-1">
        {items.map((item, i) => (
          <li key={item.key} className="flex items-center gap-1">
            <span aria-hidden="true" className="w-5 text-right text-sm text-neutral-600">
              {i + 1}.
            </span>
            <input
              ref={(el) => void inputs.current.set(item.key, el)}
              aria-label={`Key point ${i + 1}`}
              value={item.text}
              maxLength={LIMITS.highlight}
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
            <button type="button" className={small} disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={`Move key point ${i + 1} up`}>
              ↑
            </button>
            <button
              type="button"
              className={small}
              disabled={disabled || i === items.length - 1}
              onClick={() => move(i, 1)}
              aria-label={`Move key point ${i + 1} down`}
            >
              ↓
            </button>
            <button type="button" className={small} disabled={disabled} onClick={() => remove(i)} aria-label={`Remove key point ${i + 1}`}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className={`${small} mt-1`} disabled={disabled || items.length >= LIMITS.highlights} onClick={() => add()}>
        Add key point
      </button>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      <FieldError id="highlights-error" error={error} />
    </div>
  );
});

"use client";

import { useTranslations } from "next-intl";
import { memo, useEffect, useRef, useState } from "react";

import { suggestTagsAction } from "@/app/(newsroom)/newsroom/articles/actions";
import { tagDisplayName } from "@/lib/slug";
import { LIMITS, tagIdentity, tagKey } from "@/lib/validations/article";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";

type TagsFieldProps = { ctl: AutosaveController; initial: string[]; disabled: boolean; error?: string };

/** Tags as typed (#CybersécuritéFrançaise), added with Enter or a comma; one per folded slug. */
export const TagsField = memo(function TagsField({ ctl, initial, disabled, error }: TagsFieldProps) {
  const t = useTranslations("editor");
  const [tags, setTags] = useState(initial);
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const query = useRef(0);

  useEffect(() => {
    const typed = text.trim();
    if (!tagKey(typed)) return setSuggestions([]);
    const ticket = ++query.current;
    const timer = setTimeout(async () => {
      const found = await suggestTagsAction(typed).catch(() => []);
      if (ticket !== query.current) return;
      const have = new Set(tags.map(tagIdentity));
      setSuggestions(found.filter((s) => !have.has(tagIdentity(s))));
      setActive(-1);
    }, 200);
    return () => clearTimeout(timer);
  }, [text, tags]);

  const update = (next: string[], msg: string) => {
    setTags(next);
    ctl.set("tags", next);
    setMessage(msg);
  };
  const add = (typed: string) => {
    const name = tagDisplayName(typed);
    const key = tagIdentity(name);
    setSuggestions([]);
    if (!key) return setText("");
    // Refused for its length or the count: what was typed stays, to be shortened or moved.
    if (name.length > LIMITS.tag) return setMessage(t("tags.tooLong", { max: LIMITS.tag }));
    const already = tags.some((t) => tagIdentity(t) === key);
    if (!already && tags.length >= LIMITS.tags) return setMessage(t("tags.max", { max: LIMITS.tags }));
    setText("");
    if (already) return setMessage(t("tags.already", { tag: name }));
    update([...tags, name], t("tags.addedOne", { tag: name }));
  };
  const remove = (i: number) =>
    update(
      tags.filter((_, j) => j !== i),
      t("tags.removedOne", { tag: tags[i] }),
    );

  const open = suggestions.length > 0;
  return (
    <div>
      <label htmlFor="field-tags" className="mb-1 block text-sm font-semibold">
        {t("fields.tags")}
      </label>
      <ul className="mb-1 flex flex-wrap gap-1" aria-label={t("tags.added")}>
        {tags.map((tag, i) => (
          <li key={tagIdentity(tag)} className="flex items-center gap-1 rounded-full bg-neutral-200 px-2 py-0.5 text-sm dark:bg-neutral-800">
            #{tag}
            <button
              type="button"
              disabled={disabled}
              onClick={() => remove(i)}
              aria-label={t("tags.remove", { tag })}
              className="rounded-full px-1 hover:bg-neutral-300 dark:hover:bg-neutral-700"
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="relative">
        <input
          id="field-tags"
          role="combobox"
          aria-expanded={open}
          aria-controls="tag-suggestions"
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `tag-suggestion-${active}` : undefined}
          aria-describedby={`tags-help${error ? " tags-error" : ""}`}
          aria-invalid={error ? true : undefined}
          value={text}
          disabled={disabled}
          placeholder={t("tags.placeholder")}
          onChange={(e) => {
            const v = e.target.value;
            if (v.includes(",")) {
              v.split(",").slice(0, -1).forEach(add);
              setText(v.split(",").at(-1) ?? "");
            } else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(active >= 0 ? suggestions[active] : text);
            } else if (e.key === "ArrowDown" && open) {
              e.preventDefault();
              setActive((a) => (a + 1) % suggestions.length);
            } else if (e.key === "ArrowUp" && open) {
              e.preventDefault();
              setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
            } else if (e.key === "Escape") setSuggestions([]);
            else if (e.key === "Backspace" && text === "" && tags.length) remove(tags.length - 1);
          }}
          onBlur={() => setTimeout(() => setSuggestions([]), 150)}
          className={inputClass}
        />
        {open && (
          <ul
            id="tag-suggestions"
            role="listbox"
            aria-label={t("tags.existing")}
            className="absolute z-20 mt-1 w-full rounded border border-neutral-400 bg-white shadow dark:bg-neutral-900"
          >
            {suggestions.map((s, i) => (
              <li
                key={s}
                id={`tag-suggestion-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(s);
                }}
                className="cursor-pointer px-2 py-1 aria-selected:bg-neutral-200 dark:aria-selected:bg-neutral-700"
              >
                #{s}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id="tags-help" className="mt-0.5 text-xs text-neutral-600 dark:text-neutral-400">
        {t("tags.help", { count: tags.length, max: LIMITS.tags })}
      </p>
      <p aria-live="polite" className="text-xs text-neutral-700 dark:text-neutral-300">
        {message}
      </p>
      <FieldError id="tags-error" error={error} />
    </div>
  );
});

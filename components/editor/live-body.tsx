"use client";

import type { Editor } from "@tiptap/react";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState, useSyncExternalStore } from "react";

import type { AutosaveController } from "./autosave";
import { BodyEditor, type BodyEditorProps } from "./body-editor";
import { InlineComments } from "./comments/inline-comments";
import type { LiveSession, LiveState } from "./live-session";
import { CLOCK, useSaveStatus, useStatusText } from "./session-ui";

const PROBING: LiveState = { mode: "probing", online: false, unsynced: false, storedAt: null, readOnly: false, accessEnded: false, people: [] };
const noop = () => () => {};

export function useLiveState(live: LiveSession | null): LiveState {
  return useSyncExternalStore(live?.subscribe ?? noop, live?.getState ?? (() => PROBING), () => PROBING);
}

/** One field of the live state (a string or boolean): re-renders only when that field changes, not on every caret move or save. */
export function useLiveField<K extends "mode" | "readOnly" | "online" | "unsynced">(live: LiveSession | null, key: K): LiveState[K] {
  return useSyncExternalStore(
    live?.subscribe ?? noop,
    () => (live ? live.getState()[key] : PROBING[key]),
    () => PROBING[key],
  );
}

type LiveBodyEditorProps = Omit<BodyEditorProps, "live"> & { live: LiveSession | null };

/** The Body field on the live document when the collaboration server answers, else on the saved copy. */
export function LiveBodyEditor({ live, editable, ...rest }: LiveBodyEditorProps) {
  const mode = useLiveField(live, "mode");
  const readOnly = useLiveField(live, "readOnly");
  const t = useTranslations("editor");
  if (mode === "probing") {
    return (
      <div>
        <span className="mb-1 block text-sm font-semibold">{t("fields.body")}</span>
        <p
          role="status"
          className="min-h-[24rem] rounded border border-neutral-400 px-3 py-2 text-sm text-neutral-600 dark:border-neutral-600 dark:text-neutral-400"
        >
          {t("status.openingLive")}
        </p>
      </div>
    );
  }
  if (mode === "live" && live) return <LiveWithComments live={live} editable={editable && !readOnly} {...rest} />;
  return <BodyEditor key="classic" editable={editable} {...rest} />;
}

/** The live body with its inline comments' margin beside it (components/editor/comments/). */
function LiveWithComments({ live, onReady, ...rest }: Omit<BodyEditorProps, "live"> & { live: LiveSession }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const ready = useCallback(
    (e: Editor | null) => {
      setEditor(e);
      onReady(e);
    },
    [onReady],
  );
  const articleId = String(live.provider.configuration.name).replace(/^article:/, "");
  return (
    <div className="grid gap-3 xl:grid-cols-[minmax(0,1fr)_16rem]">
      <BodyEditor key="live" live={live} onReady={ready} {...rest} />
      {editor && <InlineComments editor={editor} live={live} articleId={articleId} />}
    </div>
  );
}

/** Who else has the live document open, each in their caret's colour (replaces the heartbeat note). */
export function LivePresence({ live }: { live: LiveSession }) {
  const { people } = useLiveState(live);
  const t = useTranslations("editor.presence");
  const byName = new Map(people.map((p) => [p.name, p]));
  if (!byName.size) return null;
  const list = [...byName.values()];
  return (
    <p
      role="status"
      className="flex flex-wrap items-center gap-1 rounded bg-violet-100 px-2 py-1 text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100"
    >
      {list.map((p, i) => (
        <span key={p.clientId} className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: p.color }} />
          {p.name}
          {i < list.length - 2 ? "," : i === list.length - 2 ? t("and").trimEnd() : ""}
        </span>
      ))}
      <span>{t("verb", { count: list.length })}</span>
    </p>
  );
}

/** The save status of a live session: the body's sync with the server, then the other fields' saves. */
export function LiveStatusLine({ live, ctl }: { live: LiveSession; ctl: AutosaveController }) {
  const state = useLiveState(live);
  const fields = useSaveStatus(ctl);
  const t = useTranslations("editor.status");
  const format = useFormatter();
  const statusText = useStatusText();
  let text: string;
  let bad = false;
  if (state.accessEnded) [text, bad] = [t("accessEnded"), true];
  else if (!state.online) [text, bad] = [t("offline"), true];
  else if (!["idle", "saved"].includes(fields.kind))
    [text, bad] = [statusText(fields), ["offline", "retrying", "invalid", "blocked", "conflict"].includes(fields.kind)];
  else if (state.unsynced) text = t("saving");
  else {
    const at = [state.storedAt, fields.kind === "saved" ? fields.at : null].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    text = at ? t("saved", { time: format.dateTime(at, CLOCK) }) : t("idle");
  }
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      className={`text-sm ${bad ? "font-semibold text-red-700 dark:text-red-400" : "text-neutral-700 dark:text-neutral-300"}`}
    >
      {text}
      {state.readOnly && !state.accessEnded ? t("readOnlySuffix") : ""}
    </p>
  );
}

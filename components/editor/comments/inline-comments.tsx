"use client";

/**
 * The margin of the live editor: inline comment threads beside their text, a form for a new
 * thread on the selection, replies, Resolve/Reopen. Threads come from the server (listed by a
 * server action); other people's new threads and replies arrive without a reload: whoever
 * changes a thread bumps a "comments" field in the live session's awareness, which makes every
 * other open editor re-read the list at once, and a 15-second poll backs that up.
 */
import type { Editor } from "@tiptap/core";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, useTransition } from "react";

import { createInlineThreadAction, listInlineThreadsAction, replyInlineAction, setInlineResolvedAction } from "@/lib/inline-comments/actions";
import { anchorOf, toBase64, type Range } from "@/lib/inline-comments/anchor";
import type { InlineThread } from "@/lib/inline-comments/threads";

import type { LiveSession } from "../live-session";
import { bindingOf, inlineCommentsKey, inlineCommentsPlugin } from "./highlight";
import { registerCommentStarter } from "./registry";

const POLL_MS = 15_000;
const NO_RANGES = new Map<number, Range | null>();
/** The threads in the order of their text, detached ones marked: what the margin's layout depends on. */
function orderOf(ranges: Map<number, Range | null>): string {
  return [...ranges]
    .map(([id, r]) => [id, r ? r.from : -1] as const)
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .map(([id, from]) => (from < 0 ? `${id}!` : String(id)))
    .join(",");
}
type Draft = { from: string; to: string; quote: string };

/** The margin of inline threads. Its words come from the editor's catalogue provider (components/editor/editor-intl.tsx). */
export function InlineComments(props: { editor: Editor; live: LiveSession; articleId: string }) {
  return <Margin {...props} />;
}

function Margin({ editor, live, articleId }: { editor: Editor; live: LiveSession; articleId: string }) {
  const t = useTranslations("comments");
  const [threads, setThreads] = useState<InlineThread[]>([]);
  const [ranges, setRanges] = useState<Map<number, Range | null>>(new Map());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [active, setActive] = useState<number | null>(null);
  const nudges = useRef(0);

  const reload = useCallback(async () => {
    const r = await listInlineThreadsAction({ articleId });
    if (r.ok) setThreads(r.data.threads);
  }, [articleId]);

  /** After a change of mine: re-read, and tell the others through the awareness. */
  const changed = useCallback(async () => {
    await reload();
    nudges.current += 1;
    live.provider.setAwarenessField("comments", Date.now() + nudges.current);
  }, [reload, live]);

  // The highlight plugin, for as long as the margin is mounted.
  useEffect(() => {
    const plugin = inlineCommentsPlugin();
    editor.registerPlugin(plugin);
    // Only when a thread is attached or detached, or their order changes: positions move with
    // every keystroke, and the cards read them at layout time (Positioned), not through React.
    const read = () => {
      const next = inlineCommentsKey.getState(editor.state)?.ranges ?? NO_RANGES;
      setRanges((prev) => (orderOf(prev) === orderOf(next) ? prev : next));
    };
    editor.on("transaction", read);
    return () => {
      editor.off("transaction", read);
      if (!editor.isDestroyed) editor.unregisterPlugin(inlineCommentsKey);
    };
  }, [editor]);

  useEffect(() => {
    if (editor.isDestroyed) return;
    const anchored = threads.map((th) => ({ id: th.id, from: th.from, to: th.to, resolved: th.resolvedAt !== null }));
    editor.view.dispatch(editor.state.tr.setMeta(inlineCommentsKey, { threads: anchored, active }).setMeta("addToHistory", false));
  }, [editor, threads, active]);

  // The list: now, on others' nudges, and every POLL_MS.
  useEffect(() => {
    const mountedAt = Date.now() - POLL_MS;
    const first = setTimeout(() => void reload(), 0);
    const timer = setInterval(() => void reload(), POLL_MS);
    const awareness = live.provider.awareness;
    // Each other client's last nudge: a new value from anyone means a change to read.
    const seen = new Map<number, number>();
    const onChange = () => {
      let news = false;
      for (const [id, s] of awareness?.getStates() ?? []) {
        const at = (s as { comments?: unknown }).comments;
        if (id === live.doc.clientID || typeof at !== "number" || seen.get(id) === at) continue;
        news ||= seen.has(id) || at > mountedAt;
        seen.set(id, at);
      }
      if (news) void reload();
    };
    awareness?.on("change", onChange);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      awareness?.off("change", onChange);
    };
  }, [reload, live]);

  // The toolbar's Comment button.
  useEffect(
    () =>
      registerCommentStarter(editor, () => {
        const { from, to, empty } = editor.state.selection;
        const binding = bindingOf(editor.state);
        if (empty || !binding) return setNotice(t("noSelection"));
        const anchor = anchorOf(binding.type, binding.mapping, { from, to });
        const quote = editor.state.doc.textBetween(from, to, "\n", " ").trim();
        setNotice(null);
        setDraft({ from: toBase64(anchor.from), to: toBase64(anchor.to), quote: quote.length > 120 ? `${quote.slice(0, 119)}…` : quote });
      }),
    [editor, t],
  );

  const open = threads.filter((th) => !th.resolvedAt);
  const resolved = threads.filter((th) => th.resolvedAt);
  const shown = [...open, ...(showResolved ? resolved : [])];
  // Beside their text first (in the order of the text), detached ones after.
  const placed = shown
    .map((th) => ({ th, range: ranges.get(th.id) ?? null }))
    .sort((a, b) => (a.range?.from ?? Number.MAX_SAFE_INTEGER) - (b.range?.from ?? Number.MAX_SAFE_INTEGER) || a.th.id - b.th.id);

  return (
    <aside aria-label={t("margin")} className="text-sm">
      <h2 className="sr-only">{t("margin")}</h2>
      {notice && (
        <p role="alert" className="mb-2 text-red-700 dark:text-red-400">
          {notice}
        </p>
      )}
      {draft && (
        <NewThread
          draft={draft}
          articleId={articleId}
          live={live}
          onDone={(id) => {
            setDraft(null);
            if (id !== null) {
              setActive(id);
              void changed();
            }
          }}
        />
      )}
      <Positioned editor={editor} items={placed.map((p) => ({ key: p.th.id, attached: p.range !== null }))}>
        {placed.map(({ th, range }) => (
          <ThreadCard key={th.id} thread={th} detached={!range} active={active === th.id} onActivate={() => setActive(th.id)} onChanged={changed} />
        ))}
      </Positioned>
      {resolved.length > 0 && (
        <button type="button" className="mt-2 text-sm underline" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
          {showResolved ? t("hideResolved") : t("showResolved", { count: resolved.length })}
        </button>
      )}
    </aside>
  );
}

/**
 * Puts each card level with its text when the margin is beside the editor (a top margin, never
 * overlapping the card above); stacked in order when the margin is below it.
 */
function Positioned({ editor, items, children }: { editor: Editor; items: { key: number; attached: boolean }[]; children: React.ReactNode[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [, bump] = useState(0);
  const any = items.length > 0;
  useEffect(() => {
    // Nothing to place: no layout to read (each read after an edit is a layout of the whole article).
    if (!any) return;
    let frame = 0;
    const again = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => bump((n) => n + 1));
    };
    const edited = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) again();
    };
    editor.on("transaction", edited);
    window.addEventListener("resize", again);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("transaction", edited);
      window.removeEventListener("resize", again);
    };
  }, [editor, any]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || editor.isDestroyed || !any) return;
    const ranges = inlineCommentsKey.getState(editor.state)?.ranges;
    const beside = el.getBoundingClientRect().left >= editor.view.dom.getBoundingClientRect().right - 1;
    let bottom = el.getBoundingClientRect().top;
    [...el.children].forEach((child, i) => {
      const card = child as HTMLElement;
      const item = items[i];
      const pos = item?.attached ? (ranges?.get(item.key)?.from ?? null) : null;
      let gap = 8;
      if (beside && pos !== null && pos !== undefined && pos <= editor.state.doc.content.size) {
        try {
          gap = Math.max(8, editor.view.coordsAtPos(pos).top - bottom);
        } catch {
          gap = 8;
        }
      }
      card.style.marginTop = `${Math.round(gap)}px`;
      bottom += gap + card.getBoundingClientRect().height;
    });
  });
  return <div ref={box}>{children}</div>;
}

function NewThread({ draft, articleId, live, onDone }: { draft: Draft; articleId: string; live: LiveSession; onDone: (id: number | null) => void }) {
  const t = useTranslations("comments");
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), [draft]);
  return (
    <form
      className="mb-3 space-y-1 rounded border border-amber-400 bg-amber-50 p-2 dark:bg-amber-950"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          // The server checks the anchor in the document it has stored: send ours first.
          const flushed = await live.flush();
          if (!flushed.ok) return setError(flushed.message);
          const r = await createInlineThreadAction({ articleId, from: draft.from, to: draft.to, body });
          if (!r.ok) return setError(r.fieldErrors?.body?.[0] ?? r.fieldErrors?.anchor?.[0] ?? r.message);
          setError(null);
          setBody("");
          onDone(r.data.id);
        });
      }}
    >
      <label htmlFor={`${id}-body`} className="block font-medium">
        {t("newLabel", { quote: draft.quote })}
      </label>
      <textarea
        ref={area}
        id={`${id}-body`}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded border border-neutral-400 bg-white px-2 py-1 dark:bg-neutral-950"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded border border-neutral-500 px-2 py-1">
          {t("post")}
        </button>
        <button type="button" className="rounded px-2 py-1 underline" onClick={() => onDone(null)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function ThreadCard({
  thread,
  detached,
  active,
  onActivate,
  onChanged,
}: {
  thread: InlineThread;
  detached: boolean;
  active: boolean;
  onActivate: () => void;
  onChanged: () => Promise<void>;
}) {
  const t = useTranslations("comments");
  const format = useFormatter();
  const id = useId();
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const name = (n: string | null) => n ?? t("formerUser");
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  const resolved = thread.resolvedAt !== null;
  return (
    <article
      aria-label={t("thread", { name: name(thread.authorName), quote: thread.quote })}
      data-thread-id={thread.id}
      onClick={onActivate}
      className={`rounded border p-2 ${active ? "border-amber-500 shadow" : "border-neutral-300 dark:border-neutral-700"} ${resolved ? "opacity-75" : ""}`}
    >
      <blockquote className="border-l-2 border-amber-400 pl-2 text-xs text-neutral-700 italic dark:text-neutral-300">{thread.quote}</blockquote>
      {detached && <p className="mt-1 text-xs font-semibold text-amber-800 dark:text-amber-300">{t("detached")}</p>}
      {resolved && <p className="mt-1 text-xs font-semibold">{t("resolvedBy", { name: name(thread.resolvedByName) })}</p>}
      <ol className="mt-1 space-y-1">
        {[{ id: thread.id, body: thread.body, authorName: thread.authorName, createdAt: thread.createdAt }, ...thread.replies].map((c) => (
          <li key={c.id}>
            <p className="text-xs text-neutral-700 dark:text-neutral-300">
              <strong>{name(c.authorName)}</strong> · <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
            </p>
            <p className="whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      {!resolved && (
        <form
          className="mt-2 space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await replyInlineAction({ threadId: thread.id, body: reply });
              if (!r.ok) return setError(r.fieldErrors?.body?.[0] ?? r.message);
              setError(null);
              setReply("");
              await onChanged();
            });
          }}
        >
          <label htmlFor={`${id}-reply`} className="sr-only">
            {t("replyLabel")}
          </label>
          <textarea
            id={`${id}-reply`}
            rows={1}
            placeholder={t("replyLabel")}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="w-full rounded border border-neutral-400 bg-white px-2 py-1 dark:bg-neutral-950"
          />
          {error && (
            <p id={`${id}-error`} role="alert" className="text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          <button type="submit" disabled={pending} className="rounded border border-neutral-500 px-2 py-0.5">
            {t("postReply")}
          </button>
        </form>
      )}
      <button
        type="button"
        disabled={pending}
        className="mt-1 rounded border border-neutral-500 px-2 py-0.5"
        onClick={() =>
          startTransition(async () => {
            const r = await setInlineResolvedAction({ threadId: thread.id, resolved: !resolved });
            if (!r.ok) return setError(r.message);
            await onChanged();
          })
        }
      >
        {resolved ? t("reopen") : t("resolve")}
      </button>
    </article>
  );
}

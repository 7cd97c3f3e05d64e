"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

import { copyAsDraftAction, saveArticleAction } from "@/app/(newsroom)/newsroom/articles/actions";
import { collabTicketAction } from "@/app/(newsroom)/newsroom/articles/collab-actions";
import { isLabelledField, labelKey } from "@/lib/validations/article";

import { ArticleForm, type FormValues, type Person } from "./article-form";
import { AutosaveController, clearLocalDraft, readLocalDraft, type LocalDraft } from "./autosave";
import { EditorSessionContext, type EditorSession } from "./editor-session";
import { LivePresence, LiveStatusLine, useLiveField } from "./live-body";
import { LiveSession } from "./live-session";
import { PreviewButton } from "./preview-button";
import { SaveVersionButton } from "./save-version";
import { usePresence, useSafetyNets } from "./session-hooks";
import { ConflictBanner, PresenceNote, RestoreOffer, StatusLine, useSaveStatus } from "./session-ui";

export type ArticleEditorProps = {
  articleId: string;
  /** The signed-in user, as others see them in the live document. */
  me: { id: string; name: string };
  version: number;
  values: FormValues;
  slugAuto: boolean;
  slugLocked: boolean;
  sections: { id: number; name: string }[];
  people: Person[];
  editable: boolean;
  lockReason?: string;
  notice?: string;
  /** The user's "Typography as you type" preference. */
  typography: boolean;
  children?: ReactNode;
};

/** Deep equality ignoring key order (jsonb reorders keys); a JSON string is compared parsed. */
function same(a: unknown, b: unknown): boolean {
  if (typeof b === "string" && typeof a === "object" && a !== null) {
    try {
      b = JSON.parse(b);
    } catch {
      return false;
    }
  }
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] != null);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] != null);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const asDoc = (body: unknown) => {
  if (typeof body !== "string") return body;
  try {
    return JSON.parse(body);
  } catch {
    return { type: "doc", content: [] };
  }
};

export function ArticleEditor(props: ArticleEditorProps) {
  const { articleId } = props;
  const router = useRouter();
  const t = useTranslations("editor");
  const editorRef = useRef<Editor | null>(null);
  const restoredBody = useRef<unknown>(undefined);
  const headlineBus = useMemo(() => new EventTarget(), []);
  const savedSlugBus = useMemo(() => new EventTarget(), []);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [version, setVersion] = useState(props.version);
  const [values, setValues] = useState(props.values);
  const [formKey, setFormKey] = useState(0);
  const [offer, setOffer] = useState<LocalDraft | null>(null);

  const [ctl] = useState(
    // The controller reads the refs only in its save callbacks, after render.
    () =>
      new AutosaveController({
        articleId,
        version: props.version,
        save: saveArticleAction,
        // A string: ProseMirror attrs are null-prototype objects that server actions cannot take
        // as such, and one string is also the cheapest thing to send for a long article.
        getBody: () => (editorRef.current ? JSON.stringify(editorRef.current.getJSON()) : restoredBody.current),
        onFieldErrors: setErrors,
        texts: {
          unreachable: t("status.unreachable"),
          resolveConflictFirst: t("status.resolveConflictFirst"),
          offline: t("status.offlineKept"),
          notSaved: t("status.notSaved"),
          invalid: (fields, detail) => {
            const names = fields.map((f) => (isLabelledField(f) ? t(`fields.${labelKey(f)}`) : f)).join(", ");
            return detail ? t("status.invalidDetail", { fields: names, detail }) : t("status.invalid", { fields: names });
          },
        },
        onSaved: (r, sent) => {
          setVersion(r.version);
          if (sent.slug !== undefined) savedSlugBus.dispatchEvent(new CustomEvent("slug", { detail: r.slug }));
        },
      }),
  );
  const status = useSaveStatus(ctl);
  const others = usePresence(articleId);
  // The live session exists only in the browser (IndexedDB, WebSocket): created after hydration.
  const [live, setLive] = useState<LiveSession | null>(null);
  // A ref, not an effect dependency: new messages after a page refresh must not restart the live session.
  const liveTexts = useRef({ offline: t("status.liveOffline"), notSaved: t("status.liveNotSaved") });
  // Two fields, not the whole live state: the form must not re-render on every caret move or sync.
  const liveMode = useLiveField(live, "mode");
  const liveUnsynced = useLiveField(live, "unsynced");
  const { id: meId, name: meName } = props.me;
  useEffect(() => {
    const getTicket = async () => {
      const r = await collabTicketAction(articleId).catch(() => null);
      return r?.ok ? r.data.ticket : "";
    };
    const session = new LiveSession({
      articleId,
      me: { id: meId, name: meName },
      getTicket,
      texts: liveTexts.current,
    });
    setLive(session);
    return () => session.destroy();
  }, [articleId, meId, meName]);
  const isLive = liveMode === "live" && live !== null;
  useSafetyNets(ctl, props.editable);

  // Editability follows the workflow (a withdraw or a submit refreshes the page props).
  useEffect(() => {
    if (props.editable) ctl.resume(Math.max(ctl.version, props.version));
    else ctl.stop();
  }, [props.editable, props.version, ctl]);

  useEffect(() => {
    if (!props.editable) return;
    const draft = readLocalDraft(articleId);
    if (!draft) return;
    const server = props.values as unknown as Record<string, unknown>;
    const differs = Object.entries(draft.changes).some(
      ([k, v]) => k !== "slugAuto" && !same(k === "authorIds" ? props.values.authors.map((a) => a.id) : server[k], v),
    );
    // Browser storage does not exist in the server render: the offer can only appear after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (differs) setOffer(draft);
    else clearLocalDraft(articleId);
    // Only on arrival: later renders must not re-offer what is being edited.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A workflow transition (router.refresh) may bump the version of the text we just flushed.
  useEffect(() => {
    if (props.version > ctl.version && !ctl.isDirty()) {
      ctl.resume(props.version);
      // The controller (outside React) and the version shown move together.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setVersion(props.version);
    }
  }, [props.version, ctl]);

  const restore = () => {
    if (!offer) return;
    const c = offer.changes;
    const authors = Array.isArray(c.authorIds)
      ? (c.authorIds as string[]).map((id) => props.people.find((p) => p.id === id) ?? values.authors.find((a) => a.id === id)).filter((p): p is Person => !!p)
      : values.authors;
    restoredBody.current = c.body;
    const restored = { ...values, ...(c as Partial<FormValues>), authors };
    setValues(c.body === undefined ? restored : { ...restored, body: asDoc(c.body) });
    setFormKey((k) => k + 1);
    ctl.resume(offer.baseVersion);
    for (const [k, v] of Object.entries(c)) if (k !== "body") ctl.set(k, v);
    if (c.body !== undefined) ctl.markBodyDirty();
    setOffer(null);
  };

  const flush = useCallback(async () => {
    // The live body first (acknowledged and stored by the collaboration server), then the other fields.
    const body = live ? await live.flush() : ({ ok: true } as const);
    return body.ok ? ctl.flush() : body;
  }, [ctl, live]);
  const dirty = !["idle", "saved"].includes(status.kind) || (isLive && liveUnsynced);
  const showMissingContent = useCallback(() => {
    const headline = String(ctl.latest.get("headline") ?? values.headline ?? "").trim();
    const missing: Record<string, string[]> = {};
    if (!headline) missing.headline = [t("form.headlineNeeded")];
    if (!editorRef.current || editorRef.current.isEmpty) missing.body = [t("form.bodyNeeded")];
    setErrors((e) => ({ ...e, ...missing }));
    if (missing.headline) document.getElementById("field-headline")?.focus();
    else if (missing.body) editorRef.current?.commands.focus();
  }, [ctl, values.headline, t]);
  const session: EditorSession = useMemo(() => ({ flush, version, dirty, showMissingContent }), [flush, version, dirty, showMissingContent]);
  const onEditor = useCallback((e: Editor | null) => void (editorRef.current = e), []);
  const onBodyDirty = useCallback(() => ctl.markBodyDirty(), [ctl]);

  const copyMine = async () => {
    const latest = Object.fromEntries(ctl.latest);
    delete latest.authorIds;
    delete latest.slug;
    delete latest.slugAuto;
    const { authors: _a, slug: _s, ...base } = values;
    const mine = { ...base, ...latest, body: editorRef.current ? JSON.stringify(editorRef.current.getJSON()) : values.body };
    const r = await copyAsDraftAction(mine).catch(() => null);
    if (!r || !r.ok) return r?.message ?? t("conflict.copyFailed");
    ctl.stop();
    clearLocalDraft(articleId);
    router.push(`/newsroom/articles/${r.data.id}`);
    return null;
  };

  return (
    <EditorSessionContext.Provider value={session}>
      <div className="mb-4 flex flex-wrap items-center gap-3 border-b border-neutral-200 pb-3 dark:border-neutral-800">
        {isLive ? <LiveStatusLine live={live} ctl={ctl} /> : <StatusLine ctl={ctl} />}
        {isLive ? <LivePresence live={live} /> : <PresenceNote others={others} />}
        <div className="ml-auto flex items-center gap-2">
          {props.editable && <SaveVersionButton articleId={articleId} flush={flush} />}
          <PreviewButton articleId={articleId} flush={props.editable ? flush : null} />
          <Link prefetch={false} href={`/newsroom/articles/${articleId}/history`} className="rounded border border-neutral-400 px-3 py-1 text-sm">
            {t("page.history")}
          </Link>
        </div>
      </div>
      <div className="mb-4 space-y-2">
        {props.notice && (
          <p role="status" className="rounded bg-green-100 px-3 py-2 text-sm text-green-950 dark:bg-green-950 dark:text-green-50">
            {props.notice}
          </p>
        )}
        {!props.editable && props.lockReason && (
          <p className="rounded bg-neutral-100 px-3 py-2 text-sm dark:bg-neutral-900">{t("page.readOnly", { reason: props.lockReason })}</p>
        )}
        {offer && (
          <RestoreOffer
            draft={offer}
            onRestore={restore}
            onDiscard={() => {
              clearLocalDraft(articleId);
              setOffer(null);
            }}
          />
        )}
        {status.kind === "conflict" && (
          <ConflictBanner
            articleId={articleId}
            current={status.current}
            onCopy={copyMine}
            onReload={() => {
              ctl.stop();
              clearLocalDraft(articleId);
              window.location.reload();
            }}
          />
        )}
      </div>
      <ArticleForm
        key={formKey}
        ctl={ctl}
        values={values}
        slugAuto={props.slugAuto}
        slugLocked={props.slugLocked}
        sections={props.sections}
        people={props.people}
        editable={props.editable}
        errors={errors}
        headlineBus={headlineBus}
        savedSlugBus={savedSlugBus}
        onEditor={onEditor}
        onBodyDirty={onBodyDirty}
        typography={props.typography}
        live={live}
        aside={props.children}
      />
    </EditorSessionContext.Provider>
  );
}

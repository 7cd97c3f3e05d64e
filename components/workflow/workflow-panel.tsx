"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";

import { transitionArticleAction } from "@/app/(newsroom)/newsroom/articles/workflow-actions";
import { useEditorSession } from "@/components/editor/editor-session";
import { usePendingSuggestions } from "@/components/editor/suggestions/pending";
import { PublishWarning } from "@/components/editor/suggestions/publish-warning";
import type { WorkflowAction } from "@/lib/workflow/article-workflow";

export type WorkflowPanelProps = {
  articleId: string;
  version: number;
  actions: WorkflowAction[];
  timeZone: string;
  /** Publishing an update (or republishing) may carry a dated correction note. */
  canCorrect: boolean;
  defaultScheduleAt: string;
  /** Pending suggestions in the stored copy (the live editor's count replaces it when there is one). */
  pendingSuggestions?: number;
};

type Result = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; action: WorkflowAction } | null;

const button = "rounded px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";
const primary = `${button} bg-neutral-900 text-white dark:bg-neutral-100 dark:text-neutral-900`;
const secondary = `${button} border border-neutral-500`;
const field = "mt-1 w-full rounded border border-neutral-400 bg-white px-2 py-1 text-sm dark:bg-neutral-950 aria-[invalid=true]:border-red-700";

export function WorkflowPanel({ articleId, version, actions, timeZone, canCorrect, defaultScheduleAt, pendingSuggestions = 0 }: WorkflowPanelProps) {
  const t = useTranslations("workflow");
  const session = useEditorSession();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const [values, setValues] = useState({ comment: "", reason: "", scheduledAt: defaultScheduleAt, correction: "" });
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const suggestions = usePendingSuggestions(pendingSuggestions);
  const [confirmPublish, setConfirmPublish] = useState(false);

  function run(action: WorkflowAction, confirmed = false) {
    // Publishing with suggestions pending: the editor confirms first (insertions stay out, deletions go).
    if (action === "publish" && suggestions > 0 && !confirmed) return setConfirmPublish(true);
    setConfirmPublish(false);
    startTransition(async () => {
      let current = version;
      if (session) {
        // Save what is on screen first: the transition acts on exactly that text.
        const flushed = await session.flush();
        if (!flushed.ok) return setResult({ ok: false, message: flushed.message, action });
        current = flushed.version;
      }
      const r = await transitionArticleAction({
        articleId,
        action,
        version: current,
        comment: action === "request_changes" ? values.comment : action === "unpublish" ? values.reason : undefined,
        scheduledAt: action === "schedule" ? values.scheduledAt : undefined,
        correction: action === "publish" && canCorrect ? values.correction : undefined,
      });
      setResult({ ...r, action });
      // The empty fields are in the form beside this panel: marked there, where they are filled in.
      if (!r.ok && r.code === "needs_content") session?.showMissingContent();
      if (r.ok) {
        setValues({ comment: "", reason: "", scheduledAt: defaultScheduleAt, correction: "" });
        router.refresh();
      }
    });
  }

  const errorFor = (action: WorkflowAction, key: string) => (result && !result.ok && result.action === action ? result.fieldErrors?.[key]?.[0] : undefined);
  const form = (action: WorkflowAction, children?: React.ReactNode, style = secondary) => (
    <form key={action} className="space-y-1" onSubmit={(e) => (e.preventDefault(), run(action))}>
      {children}
      <button type="submit" className={style} disabled={pending}>
        {t(`actions.${action}`)}
      </button>
    </form>
  );
  const textField = (action: WorkflowAction, key: "comment" | "reason" | "correction", label: string, errorKey: string, multiline = true) => {
    const error = errorFor(action, errorKey);
    const fid = `${id}-${action}-${key}`;
    const props = {
      id: fid,
      value: values[key],
      onChange: set(key),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${fid}-error` : undefined,
      className: field,
    };
    return (
      <div>
        <label htmlFor={fid} className="block text-sm font-medium">
          {label}
        </label>
        {multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
        {error && (
          <p id={`${fid}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    );
  };

  if (actions.length === 0) return <p className="text-sm text-neutral-600 dark:text-neutral-400">{t("panel.noAction")}</p>;
  const scheduleError = errorFor("schedule", "scheduledAt");
  const scheduleId = `${id}-schedule-at`;
  return (
    <div className="space-y-4">
      {actions.map((action) => {
        switch (action) {
          case "request_changes":
            return form(action, textField(action, "comment", t("panel.comment"), "comment"));
          case "unpublish":
            return form(action, textField(action, "reason", t("panel.reason"), "comment"));
          case "publish":
            return (
              <div key={action}>
                {form(action, canCorrect ? textField(action, "correction", t("panel.correction"), "correction", false) : null, primary)}
                {confirmPublish && suggestions > 0 && (
                  <PublishWarning count={suggestions} pending={pending} onConfirm={() => run("publish", true)} onCancel={() => setConfirmPublish(false)} />
                )}
              </div>
            );
          case "schedule":
            return form(
              action,
              <div>
                <label htmlFor={scheduleId} className="block text-sm font-medium">
                  {t("panel.publicationTime", { timeZone })}
                </label>
                <input
                  id={scheduleId}
                  type="datetime-local"
                  value={values.scheduledAt}
                  onChange={set("scheduledAt")}
                  aria-invalid={scheduleError ? true : undefined}
                  aria-describedby={scheduleError ? `${scheduleId}-error` : undefined}
                  className={field}
                />
                {scheduleError && (
                  <p id={`${scheduleId}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                    {scheduleError}
                  </p>
                )}
              </div>,
            );
          case "submit":
          case "approve":
            return form(action, null, primary);
          default:
            return form(action);
        }
      })}
      <div aria-live="polite" className="min-h-5 text-sm">
        {pending && <p>{t("panel.working")}</p>}
        {!pending && result?.ok && (
          <p role="status" className="text-green-800 dark:text-green-400">
            {result.message}
          </p>
        )}
        {!pending && result && !result.ok && !result.fieldErrors && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {result.message}
          </p>
        )}
      </div>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";

import { setChecklistTickAction } from "@/app/(newsroom)/newsroom/articles/checklist-actions";
import { useEditorSession } from "@/components/editor/editor-session";

export type ChecklistBox = { id: number; label: string; required: boolean; ticked: boolean; note: string | null };

/** One checkbox per item; a change is saved at once (after the editor's pending text, which the tick vouches for). */
export function ChecklistBoxes({ articleId, items, canTick }: { articleId: string; items: ChecklistBox[]; canTick: boolean }) {
  const t = useTranslations("workflow.checklist");
  const session = useEditorSession();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [shown, setShown] = useOptimistic(items, (state, change: { id: number; ticked: boolean }) =>
    state.map((i) => (i.id === change.id ? { ...i, ticked: change.ticked } : i)),
  );

  function toggle(itemId: number, ticked: boolean) {
    startTransition(async () => {
      setShown({ id: itemId, ticked });
      if (session) {
        const flushed = await session.flush();
        if (!flushed.ok) return setMessage({ ok: false, text: flushed.message });
      }
      const r = await setChecklistTickAction({ articleId, itemId, ticked });
      setMessage(r.ok ? null : { ok: false, text: r.message });
      router.refresh();
    });
  }

  return (
    <>
      <ul className="mt-2 space-y-2">
        {shown.map((item) => (
          <li key={item.id}>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-1"
                checked={item.ticked}
                disabled={!canTick || pending}
                onChange={(e) => toggle(item.id, e.target.checked)}
                aria-describedby={item.note ? `checklist-note-${item.id}` : undefined}
              />
              <span>
                {item.label}
                {item.required && <span className="text-neutral-600 dark:text-neutral-400">{t("required")}</span>}
              </span>
            </label>
            {item.note && (
              <p id={`checklist-note-${item.id}`} className="ml-6 text-xs text-neutral-600 dark:text-neutral-400">
                {item.note}
              </p>
            )}
          </li>
        ))}
      </ul>
      <p role={message ? "alert" : "status"} aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {message?.text}
      </p>
    </>
  );
}

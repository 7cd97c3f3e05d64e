"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";

import { postCommentAction } from "@/app/(newsroom)/newsroom/articles/workflow-actions";

export type CommentFormProps = { articleId: string };

export function CommentForm({ articleId }: CommentFormProps) {
  const t = useTranslations("workflow.discussion");
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="mt-3 space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await postCommentAction({ articleId, body });
          if (!r.ok) return setError(r.fieldErrors?.body?.[0] ?? r.message);
          setError(null);
          setBody("");
          router.refresh();
        });
      }}
    >
      <label htmlFor={`${id}-body`} className="block text-sm font-medium">
        {t("add")}
      </label>
      <textarea
        id={`${id}-body`}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded border border-neutral-400 bg-white px-2 py-1 text-sm dark:bg-neutral-950"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded border border-neutral-500 px-3 py-1.5 text-sm focus-visible:outline focus-visible:outline-2">
        {t("post")}
      </button>
    </form>
  );
}

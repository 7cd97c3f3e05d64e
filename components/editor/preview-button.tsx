"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import type { EditorSession } from "./editor-session";

/** Opens the reader's view of the working copy; pending edits are saved first so it shows them. */
export function PreviewButton({ articleId, flush }: { articleId: string; flush: EditorSession["flush"] | null }) {
  const router = useRouter();
  const t = useTranslations("editor.preview");
  const [message, setMessage] = useState("");
  const open = async () => {
    setMessage("");
    if (flush) {
      const saved = await flush().catch(() => ({ ok: false as const, message: t("failed") }));
      if (!saved.ok) return setMessage(saved.message);
    }
    router.push(`/newsroom/articles/${articleId}/preview`);
  };
  return (
    <>
      <button type="button" onClick={open} className="rounded border border-neutral-400 px-3 py-1 text-sm">
        {t("button")}
      </button>
      {message && (
        <span role="alert" className="text-sm">
          {message}
        </span>
      )}
    </>
  );
}

"use client";

import type { Editor } from "@tiptap/core";
import { useTranslations } from "next-intl";

import { commentStarter } from "./registry";

/** The toolbar's Comment button: only in a live session, enabled on a selection (also read-only: reviewers comment). */
export function CommentButton({ editor, enabled, className }: { editor: Editor; enabled: boolean; className: string }) {
  if (!commentStarter(editor)) return null;
  return <Button editor={editor} enabled={enabled} className={className} />;
}

function Button({ editor, enabled, className }: { editor: Editor; enabled: boolean; className: string }) {
  const t = useTranslations("comments");
  return (
    <button
      type="button"
      title={t("commentTitle")}
      disabled={!enabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => commentStarter(editor)?.()}
      className={className}
    >
      {t("comment")}
    </button>
  );
}

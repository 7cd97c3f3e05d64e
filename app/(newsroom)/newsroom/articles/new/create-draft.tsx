"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { createDraftAction } from "../actions";

export function CreateDraft() {
  const router = useRouter();
  const t = useTranslations("editor.page");
  const started = useRef(false);
  const [error, setError] = useState("");
  const create = async () => {
    setError("");
    try {
      const r = await createDraftAction();
      if (r.ok) router.replace(`/newsroom/articles/${r.data.id}`);
      else setError(r.message);
    } catch {
      setError(t("createFailed"));
    }
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void create();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="mt-4" aria-live="polite">
      {error ? (
        <div role="alert">
          <p className="text-red-700 dark:text-red-400">{error}</p>
          <button type="button" onClick={create} className="mt-2 rounded border px-3 py-1">
            {t("tryAgain")}
          </button>
        </div>
      ) : (
        <p>{t("creating")}</p>
      )}
    </div>
  );
}

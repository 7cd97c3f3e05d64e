"use client";

import { createContext, useActionState, useContext, useState, type ReactNode } from "react";

import { FormMessage } from "@/components/accounts/form-field";
import type { ActionResult, FormState } from "@/lib/actions/result";

type Announcement = { ok?: boolean; message?: string };

const AnnounceContext = createContext<(a: Announcement) => void>(() => {});

/**
 * One live region for a whole list: a renamed, merged or deleted row can leave a filtered list
 * (or the page) before its own message would be read, so rows report here instead.
 */
export function Announcer({ id, children }: { id: string; children: ReactNode }) {
  const [last, setLast] = useState<Announcement>({});
  return (
    <AnnounceContext.Provider value={setLast}>
      <FormMessage id={id} ok={last.ok} message={last.message} />
      {children}
    </AnnounceContext.Provider>
  );
}

/**
 * useActionState whose result is also announced by the list. The announcement is made inside the
 * action, not in an effect: the refreshed list may remove this row in the same commit.
 */
export function useAnnouncedAction<T, E>(action: (prev: FormState<T, E>, form: FormData) => Promise<ActionResult<T, E>>) {
  const announce = useContext(AnnounceContext);
  return useActionState<FormState<T, E>, FormData>(async (prev, form) => {
    const next = await action(prev, form);
    if (next.message) announce({ ok: next.ok, message: next.message });
    return next;
  }, null);
}

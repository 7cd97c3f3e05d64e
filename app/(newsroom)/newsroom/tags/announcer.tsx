"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { FormMessage } from "@/components/accounts/form-field";

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

export function useAnnounce(state: Announcement) {
  const announce = useContext(AnnounceContext);
  useEffect(() => {
    if (state.message) announce({ ok: state.ok, message: state.message });
  }, [state, announce]);
}

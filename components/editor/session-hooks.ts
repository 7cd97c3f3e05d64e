"use client";

import { useEffect, useState } from "react";

import { heartbeatAction, leaveAction } from "@/app/(newsroom)/newsroom/articles/actions";

import type { AutosaveController } from "./autosave";

const HEARTBEAT_MS = 15_000;

/** Who else has this article open, from heartbeats stored in the database. */
export function usePresence(articleId: string) {
  const [others, setOthers] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let alive = true;
    const beat = () =>
      heartbeatAction(articleId)
        .then((r) => alive && setOthers(r.ok ? r.data.others : []))
        .catch(() => {});
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      alive = false;
      clearInterval(timer);
      void leaveAction(articleId).catch(() => {});
    };
  }, [articleId]);
  return others;
}

/** Warn before leaving with unsaved work, keep a local copy when the page is hidden, react to the network. */
export function useSafetyNets(ctl: AutosaveController, editable: boolean) {
  useEffect(() => {
    if (!editable) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!ctl.isDirty()) return;
      ctl.writeBackup();
      e.preventDefault();
      e.returnValue = "";
    };
    const hide = () => {
      if (document.visibilityState === "hidden" && ctl.isDirty()) ctl.writeBackup();
    };
    const pagehide = () => ctl.isDirty() && ctl.writeBackup();
    const online = () => ctl.online();
    const offline = () => ctl.offline();
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("pagehide", pagehide);
    document.addEventListener("visibilitychange", hide);
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("pagehide", pagehide);
      document.removeEventListener("visibilitychange", hide);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, [ctl, editable]);
}

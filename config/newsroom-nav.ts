import type { Messages } from "@/lib/i18n/messages";
import type { GlobalAction } from "@/lib/permissions";

/** `key` names the label in the catalogue (messages/*.json, newsroom.nav). */
export type NavItem = { href: string; key: keyof Messages["newsroom"]["nav"]; requires?: GlobalAction };

export const NEWSROOM_NAV: NavItem[] = [
  { href: "/newsroom", key: "dashboard" },
  { href: "/newsroom/articles/new", key: "newArticle", requires: "article:create" },
  { href: "/newsroom/profile", key: "myProfile" },
  { href: "/newsroom/tags", key: "tags", requires: "tags:manage" },
  { href: "/newsroom/sections", key: "sections", requires: "sections:manage" },
  { href: "/newsroom/front-page", key: "frontPage", requires: "front:manage" },
  { href: "/newsroom/users", key: "users", requires: "users:manage" },
  { href: "/newsroom/log", key: "activityLog", requires: "events:view_all" },
  { href: "/newsroom/settings", key: "settings", requires: "settings:manage" },
];

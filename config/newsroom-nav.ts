import type { GlobalAction } from "@/lib/permissions";

export type NavItem = { href: string; label: string; requires?: GlobalAction };

export const NEWSROOM_NAV: NavItem[] = [
  { href: "/newsroom", label: "Dashboard" },
  { href: "/newsroom/articles/new", label: "New article", requires: "article:create" },
  { href: "/newsroom/profile", label: "My profile" },
  { href: "/newsroom/tags", label: "Tags", requires: "tags:manage" },
  { href: "/newsroom/sections", label: "Sections", requires: "sections:manage" },
  { href: "/newsroom/front-page", label: "Front page", requires: "front:manage" },
  { href: "/newsroom/users", label: "Users", requires: "users:manage" },
  { href: "/newsroom/log", label: "Activity log", requires: "events:view_all" },
  { href: "/newsroom/settings", label: "Settings", requires: "settings:manage" },
];

/**
 * The site's own images in public/brand/ (drawn by scripts/brand-images.ts): the publisher logo
 * search engines ask for in NewsArticle, and the social image of pages and articles without one.
 */
export const SITE_LOGO = { path: "/brand/logo.png", width: 600, height: 60 } as const;
export const DEFAULT_SOCIAL_IMAGE = { path: "/brand/social.png", width: 1200, height: 630, alt: "Newsroom" } as const;

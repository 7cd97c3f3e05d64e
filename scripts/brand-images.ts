/**
 * Draws the site's logo (publisher logo in JSON-LD: 600 × 60) and its default social image
 * (og:image / twitter:image / NewsArticle image of articles without one: 1200 × 630) into
 * public/brand/. Run once after changing the drawings: `npx tsx scripts/brand-images.ts`.
 */
import { mkdirSync } from "node:fs";
import sharp from "sharp";

const ACCENT = "#9b1c1c";
mkdirSync("public/brand", { recursive: true });

const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60">
  <rect width="600" height="60" fill="#ffffff"/>
  <rect x="0" y="8" width="44" height="44" rx="6" fill="${ACCENT}"/>
  <text x="22" y="42" text-anchor="middle" font-family="DejaVu Serif, serif" font-size="32" font-weight="bold" fill="#ffffff">N</text>
  <text x="58" y="44" font-family="DejaVu Serif, serif" font-size="38" font-weight="bold" fill="#111111">Newsroom</text>
</svg>`;
await sharp(Buffer.from(logo)).png({ compressionLevel: 9, palette: true }).toFile("public/brand/logo.png");

const social = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1f2937"/><stop offset="1" stop-color="#111827"/></linearGradient></defs>
  <rect width="1200" height="630" fill="url(#g)"/>
  <rect x="80" y="80" width="12" height="470" fill="${ACCENT}"/>
  <text x="130" y="300" font-family="DejaVu Serif, serif" font-size="120" font-weight="bold" fill="#ffffff">Newsroom</text>
  <text x="134" y="380" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#d1d5db">L’information vérifiée, chaque jour</text>
</svg>`;
await sharp(Buffer.from(social)).png({ compressionLevel: 9, palette: true }).toFile("public/brand/social.png");
console.log("public/brand/logo.png, public/brand/social.png");

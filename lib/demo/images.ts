import sharp from "sharp";

/**
 * Illustrations for the demo newsroom, drawn here (gradients, shapes and a caption: no download,
 * no licence question): featured images and author portraits that look like a real site's, in
 * the sizes real uploads come in (a wide photo, a tall one, a square portrait).
 */

const PALETTES = [
  ["#0f2b46", "#1f6f8b", "#99d3df", "#f4a259"],
  ["#3d1f3a", "#8e3b46", "#e07a5f", "#f2cc8f"],
  ["#1b3a2b", "#3e7c59", "#a7c957", "#f2e8cf"],
  ["#22223b", "#4a4e69", "#9a8c98", "#f2e9e4"],
  ["#2b2d42", "#8d99ae", "#ef233c", "#edf2f4"],
] as const;

/** A small deterministic random sequence, so the same text always gives the same picture. */
function random(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 10_000) / 10_000;
  };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A wide or tall illustration: sky-like gradient, hills, a sun, a few buildings and a label. */
export async function demoIllustration({ seed, label, width = 1600, height = 1000 }: { seed: string; label: string; width?: number; height?: number }) {
  const r = random(seed);
  const [dark, mid, light, sun] = PALETTES[Math.floor(r() * PALETTES.length)];
  const hills = Array.from({ length: 3 }, (_, i) => {
    const y = height * (0.55 + i * 0.12);
    const points = Array.from({ length: 7 }, (_, k) => `${(width / 6) * k},${y - r() * height * 0.15}`).join(" L");
    return `<path d="M0,${height} L${points} L${width},${height} Z" fill="${[mid, dark, dark][i]}" opacity="${0.55 + i * 0.2}"/>`;
  });
  const buildings = Array.from({ length: 9 }, (_, i) => {
    const w = width * (0.04 + r() * 0.05);
    const h = height * (0.12 + r() * 0.3);
    const x = width * 0.08 + i * width * 0.095;
    return `<rect x="${x}" y="${height * 0.86 - h}" width="${w}" height="${h}" fill="${dark}" opacity="0.85"/>`;
  });
  const size = Math.round(Math.min(width, height) * 0.06);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="${width * (0.2 + r() * 0.6)}" cy="${height * (0.2 + r() * 0.15)}" r="${Math.min(width, height) * 0.12}" fill="${sun}" opacity="0.9"/>
  ${hills.join("\n  ")}
  ${buildings.join("\n  ")}
  <rect x="0" y="${height - size * 2.2}" width="100%" height="${size * 2.2}" fill="${dark}" opacity="0.55"/>
  <text x="${size}" y="${height - size * 0.75}" font-family="DejaVu Sans, sans-serif" font-size="${size}" font-weight="bold" fill="#ffffff">${escapeXml(label)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A square portrait: a head and shoulders on a soft background, with the person's initials. */
export async function demoPortrait({ seed, name, size = 600 }: { seed: string; name: string; size?: number }) {
  const r = random(seed);
  const [dark, mid, light, accent] = PALETTES[Math.floor(r() * PALETTES.length)];
  const initials = name
    .split(/\s+/)
    .map((p) => p[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <defs><radialGradient id="bg" cx="0.3" cy="0.3" r="0.9"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${mid}"/></radialGradient></defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  <ellipse cx="${size / 2}" cy="${size * 1.02}" rx="${size * 0.38}" ry="${size * 0.34}" fill="${dark}"/>
  <circle cx="${size / 2}" cy="${size * 0.42}" r="${size * 0.19}" fill="${accent}"/>
  <text x="${size / 2}" y="${size * 0.47}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${size * 0.14}" font-weight="bold" fill="${dark}">${escapeXml(initials)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

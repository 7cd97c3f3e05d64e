/**
 * Finds markup that a payload could have injected: event-handler attributes (React never puts
 * them in the DOM), elements that run or load code, dangerous URL schemes, and the corpus's
 * `xssm` marker in an id or class. Self-contained (no imports, no closures) so Playwright can
 * run it inside the page with page.evaluate, and Vitest on server HTML parsed by happy-dom.
 */
export function findInjected(root: { querySelectorAll(selector: string): ArrayLike<Element> }): string[] {
  const found: string[] = [];
  const FORBIDDEN = new Set([
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "isindex",
    "keygen",
    "bgsound",
    "marquee",
    "xssm",
    "math",
    "animate",
    "set",
    "ſcript",
  ]);
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"]);
  // Next.js streams its own page data in inline scripts; nothing else may be an inline script.
  const NEXT_INLINE =
    /^\s*(\(globalThis\["TURBOPACK"\]|\(self\.__next_f\s*=|self\.__next_f\.push|\$R[CSX]\s*[=(]|\(self\.__next_s|document\.querySelectorAll\('body link\[rel="icon"\]|requestAnimationFrame\(function\(\)\{\$RT)/;
  const all = root.querySelectorAll("*");
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const tag = el.tagName.toLowerCase();
    const where = `<${tag}${el.id ? `#${el.id}` : ""}>`;
    if (FORBIDDEN.has(tag)) found.push(`forbidden element ${where}`);
    if (tag === "script") {
      const type = (el.getAttribute("type") || "").toLowerCase();
      const src = el.getAttribute("src");
      if (src !== null) {
        if (!/^\/_next\/static\//.test(src)) found.push(`script src=${src}`);
      } else if (type === "application/ld+json") {
        try {
          JSON.parse(el.textContent || "");
        } catch {
          found.push("JSON-LD that does not parse");
        }
      } else if (!NEXT_INLINE.test(el.textContent || "")) {
        found.push(`inline script: ${(el.textContent || "").slice(0, 80)}`);
      }
    }
    if (tag === "meta" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh") found.push("meta refresh");
    for (let j = 0; j < el.attributes.length; j++) {
      const { name, value } = el.attributes[j];
      const n = name.toLowerCase();
      if (n.startsWith("on")) found.push(`${where} ${n}=${value.slice(0, 60)}`);
      if (n === "srcdoc" || n === "formaction") found.push(`${where} ${n}`);
      if ((n === "id" || n === "class" || n === "name") && /xssm/i.test(value)) found.push(`${where} marker in ${n}`);
      if (n === "style" && /expression\(|javascript:|url\(\s*['"]?\s*(javascript|data):/i.test(value)) found.push(`${where} style=${value.slice(0, 60)}`);
      if (URL_ATTRS.has(n)) {
        // What a browser would resolve: control characters and whitespace are ignored in the scheme.
        const v = value.replace(/[\u0000-\u0020\u007f-\u009f\u200b\u00a0]/g, "").toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(v) || (/^data:/.test(v) && !(tag === "img" && /^data:image\/(png|jpeg|gif|webp);/.test(v)))) {
          found.push(`${where} ${n}=${value.slice(0, 60)}`);
        }
      }
    }
  }
  return found;
}

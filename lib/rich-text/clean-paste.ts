/**
 * Clean paste: clipboard HTML from Word, LibreOffice, Google Docs or a web page, reduced to what
 * the article schema can hold (paragraphs, headings 2–4, bold, italic, strike, links, lists,
 * quotes, images with an allowed address and alt text) before the editor parses it. Styles,
 * classes, fonts, comments, Office namespaces, empty paragraphs and tracking wrappers around
 * links go; what styles meant (bold, italic, Word's list paragraphs) is kept as markup first.
 * Runs in the browser (and in tests with a DOM); it needs a DOMParser.
 */
import { isAllowedHref, isAllowedImageSrc } from "@/components/editor/extensions";

const DROP = new Set([
  "SCRIPT",
  "STYLE",
  "META",
  "LINK",
  "TITLE",
  "HEAD",
  "NOSCRIPT",
  "TEMPLATE",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "SVG",
  "CANVAS",
  "VIDEO",
  "AUDIO",
  "FORM",
  "INPUT",
  "BUTTON",
  "SELECT",
  "TEXTAREA",
  "XML",
]);
/** Kept as elements (without attributes except those below); everything else is unwrapped. */
const KEEP = new Set([
  "P",
  "H2",
  "H3",
  "H4",
  "STRONG",
  "EM",
  "S",
  "A",
  "UL",
  "OL",
  "LI",
  "BLOCKQUOTE",
  "BR",
  "IMG",
  "HR",
  "DIV",
  "TABLE",
  "TBODY",
  "THEAD",
  "TR",
  "TD",
  "TH",
]);
const RENAME: Record<string, string> = { B: "strong", I: "em", STRIKE: "s", DEL: "s", H1: "h2", H5: "h4", H6: "h4", CITE: "em", DFN: "em" };
const BLOCKS = "p, h2, h3, h4, li, blockquote";
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|ved|usg|sa|ust|source)$/i;

/** The address a redirect or tracking link points to, with its tracking parameters removed. */
export function unwrapTrackingLink(href: string): string {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return href;
  }
  for (let hops = 0; hops < 3; hops++) {
    const host = url.hostname.replace(/^www\./, "");
    const target =
      (/^google\.[a-z.]+$/.test(host) && url.pathname === "/url" && (url.searchParams.get("q") ?? url.searchParams.get("url"))) ||
      (host.endsWith("safelinks.protection.outlook.com") && url.searchParams.get("url")) ||
      ((host === "l.facebook.com" || host === "lm.facebook.com") && url.pathname === "/l.php" && url.searchParams.get("u"));
    if (!target) break;
    try {
      url = new URL(target);
    } catch {
      break;
    }
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  return url.toString();
}

function unwrap(el: Element) {
  el.replaceWith(...Array.from(el.childNodes));
}

function rename(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag);
  next.append(...Array.from(el.childNodes));
  for (const attr of Array.from(el.attributes)) next.setAttribute(attr.name, attr.value);
  el.replaceWith(next);
  return next;
}

function styleOf(el: Element): string {
  return (el.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
}

/** Bold and italic given by a style (Google Docs spans, LibreOffice, web pages) become markup. */
function styleToMarkup(el: Element) {
  const style = styleOf(el);
  if (!style || el.tagName === "STRONG" || el.tagName === "EM") return;
  const doc = el.ownerDocument;
  const weight = /font-weight:(bold|bolder|[6-9]00)/.exec(style);
  const italic = /font-style:italic/.test(style);
  const strike = /text-decoration[a-z-]*:[^;]*line-through/.test(style);
  for (const [on, tag] of [
    [strike, "s"],
    [italic, "em"],
    [weight, "strong"],
  ] as const) {
    if (!on) continue;
    const wrap = doc.createElement(tag);
    wrap.append(...Array.from(el.childNodes));
    el.append(wrap);
  }
}

/** Word writes list items as paragraphs with mso-list styles and a typed bullet; make them lists. */
function wordLists(body: HTMLElement) {
  const items = Array.from(body.querySelectorAll("p")).filter((p) => /mso-list:/.test(styleOf(p)) && !/mso-list:ignore/.test(styleOf(p)));
  const doc = body.ownerDocument;
  let stack: { list: Element; level: number }[] = [];
  for (const p of items) {
    const level = Number(/level(\d+)/.exec(styleOf(p))?.[1] ?? "1");
    const marker = Array.from(p.querySelectorAll("span")).find((s) => /mso-list:ignore/.test(styleOf(s)));
    const ordered = /^\s*(\d+|[a-z]|[ivxlc]+)[.)]/i.test(marker?.textContent ?? "");
    marker?.remove();
    const li = doc.createElement("li");
    li.append(...Array.from(p.childNodes));
    // A list goes on while its paragraphs follow each other; anything in between ends it.
    if (!stack.length || p.previousElementSibling !== stack[0].list) stack = [];
    while (stack.length && stack.at(-1)!.level > level) stack.pop();
    if (!stack.length || stack.at(-1)!.level < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (stack.length) (stack.at(-1)!.list.lastElementChild ?? stack.at(-1)!.list).append(list);
      else p.before(list);
      stack.push({ list, level });
    }
    stack.at(-1)!.list.append(li);
    p.remove();
  }
}

function removeComments(root: Node) {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

function cleanAttributes(el: Element) {
  const keep: Record<string, string> = {};
  if (el.tagName === "A") {
    const href = el.getAttribute("href");
    if (href && isAllowedHref(href)) keep.href = unwrapTrackingLink(href);
  }
  if (el.tagName === "IMG") {
    for (const name of ["src", "alt", "data-caption"]) if (el.hasAttribute(name)) keep[name] = el.getAttribute(name)!;
  }
  if (el.tagName === "OL" && /^\d+$/.test(el.getAttribute("start") ?? "")) keep.start = el.getAttribute("start")!;
  for (const attr of Array.from(el.attributes)) el.removeAttribute(attr.name);
  for (const [name, value] of Object.entries(keep)) el.setAttribute(name, value);
}

const isBlank = (el: Element) => !(el.textContent ?? "").replace(/[\s\u00A0\u200B\uFEFF]/g, "") && !el.querySelector("img");

/**
 * Images the article could not keep: Word's file:///…/clip_image001.png, tracking pixels, relative
 * addresses, no alt text. A figure's caption goes with its image.
 */
function images(body: HTMLElement) {
  body.querySelectorAll("img").forEach((img) => {
    if (!isAllowedImageSrc(img.getAttribute("src")) || !img.getAttribute("alt")?.trim()) return img.remove();
    const caption = img.closest("figure")?.querySelector("figcaption");
    if (caption?.textContent?.trim()) {
      img.setAttribute("data-caption", caption.textContent.trim());
      caption.remove();
    }
  });
}

/** Word's own paragraph styles that mean something the schema has. */
function wordStyles(body: HTMLElement) {
  body.querySelectorAll("p.MsoTitle").forEach((p) => rename(p, "h2"));
  body.querySelectorAll("p.MsoQuote, p.MsoIntenseQuote").forEach((p) => {
    const quote = p.ownerDocument.createElement("blockquote");
    p.replaceWith(quote);
    quote.append(p);
  });
}

/** Clipboard HTML → the same content in markup the article schema understands, and nothing else. */
export function cleanPastedHtml(html: string): string {
  // Frames are dropped before parsing so that no DOM implementation tries to load them.
  const doc = new DOMParser().parseFromString(html.replace(/<iframe\b[\s\S]*?(<\/iframe\s*>|$)/gi, ""), "text/html");
  const body = doc.body;
  removeComments(doc);
  body.querySelectorAll("*").forEach((el) => {
    if (DROP.has(el.tagName) || el.tagName.includes(":")) el.remove();
  });
  wordLists(body);
  wordStyles(body);
  images(body);
  // Deepest first, so an element is renamed or unwrapped after its children were handled.
  for (const el of Array.from(body.querySelectorAll("*")).reverse()) {
    // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
    // Anchored: Word writes ordinary bold as <b style="mso-bidi-font-weight:normal">, which is bold.
    if (el.tagName === "B" && (/^docs-internal-guid/.test(el.id) || /(?:^|;)font-weight:(normal|400)/.test(styleOf(el)))) {
      unwrap(el);
      continue;
    }
    styleToMarkup(el);
    let node = el;
    if (RENAME[el.tagName]) node = rename(el, RENAME[el.tagName]);
    if (node.tagName === "A" && !(node.getAttribute("href") && isAllowedHref(node.getAttribute("href")))) {
      unwrap(node);
      continue;
    }
    if (!KEEP.has(node.tagName)) {
      unwrap(node);
      continue;
    }
    cleanAttributes(node);
  }
  // Google Docs lists: <li><p>text</p></li> → <li>text</li>-like content is fine for the schema.
  body.querySelectorAll(BLOCKS).forEach((el) => {
    if (isBlank(el) && !el.querySelector("li, ul, ol")) el.remove();
  });
  body.querySelectorAll("br").forEach((br) => {
    // A line break that ends a block (LibreOffice's <p><br></p>, Docs' trailing <br>) carries nothing.
    if (!br.nextSibling || br.parentElement === body) br.remove();
  });
  body.querySelectorAll("strong, em, s").forEach((el) => {
    if (!(el.textContent ?? "") && !el.querySelector("img")) el.remove();
  });
  return body.innerHTML.trim();
}

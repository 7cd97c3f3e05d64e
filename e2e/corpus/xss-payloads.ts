/**
 * Stored-XSS corpus. Every payload would do something observable if it ever
 * ran or became markup: call the sentinel `__xss()` (installed by the spec), open a dialog,
 * request the marker path `/__xss_hit`, or add an element/attribute carrying the marker `xssm`.
 * The spec fails on any of those. Client-safe plain data: the seeder and the spec both import it.
 */
const S = "__xss()";
const HIT = "/__xss_hit";

const markup = [
  `<script>${S}</script>`,
  `<SCRIPT>alert(1)</SCRIPT>`,
  `<script src="${HIT}"></script>`,
  `<script/xssm>${S}</script>`,
  `<scr<script>ipt>${S}</scr</script>ipt>`,
  `<img src=x onerror=${S}>`,
  `<img src="x" onerror="alert(1)" class="xssm">`,
  `<IMG SRC=x ONERROR=${S}//`,
  `<img src=x:x onerror=javascript:${S}>`,
  `<img src="${HIT}">`,
  `<svg onload=${S}>`,
  `<svg><script>${S}</script></svg>`,
  `<svg><animate onbegin=${S} attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${S}"><text x="20" y="20">xssm</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${S}'/></svg>#x"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${S}>`,
  `<body onload=${S}>`,
  `<iframe src="javascript:${S}"></iframe>`,
  `<iframe srcdoc="<script>parent.${S}</script>"></iframe>`,
  `<object data="javascript:${S}"></object>`,
  `<embed src="javascript:${S}">`,
  `<a href="javascript:${S}" id="xssm">click</a>`,
  `<a href="JaVaScRiPt:alert(1)">x</a>`,
  `<a href="&#106;avascript:${S}">x</a>`,
  `<a href="java\tscript:${S}">x</a>`,
  `<a href=" javascript:${S}">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<a href="vbscript:msgbox(1)">x</a>`,
  `<form action="javascript:${S}"><button id=xssm>go</button></form>`,
  `<button formaction="javascript:${S}">x</button>`,
  `<input autofocus onfocus=${S}>`,
  `<select autofocus onfocus=${S}>`,
  `<textarea autofocus onfocus=${S}>`,
  `<details open ontoggle=${S}>`,
  `<video><source onerror=${S}></video>`,
  `<audio src=x onerror=${S}>`,
  `<marquee onstart=${S}>`,
  `<div style="background:url(javascript:${S})">xssm</div>`,
  `<div style="width: expression(${S})">`,
  `<style>@import 'javascript:${S}';</style>`,
  `<link rel=stylesheet href="javascript:${S}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${S}">`,
  `<base href="javascript:${S}//">`,
  `<isindex action=javascript:${S} type=image>`,
  `<xssm onclick=${S}>`,
  `<b id=xssm onmouseover=${S}>hover</b>`,
  `<p/onpointerenter=${S}>`,
  `<noscript><p title="</noscript><img src=x onerror=${S}>">`,
  `<template><img src=x onerror=${S}></template>`,
  `<img src=x onerror=${S}`,
  `<<script>${S};//<</script>`,
  `<img """><script>${S}</script>">`,
  `<div <img src=x onerror=${S}>>`,
  `<a href="x" onmouseover="${S}"`,
  `<!--<img src="--><img src=x onerror=${S}//">`,
  `--><script>${S}</script>`,
  `--!><img src=x onerror=${S}>`,
  `<![CDATA[<script>${S}</script>]]>`,
  `]]><script>${S}</script>`,
  `</script><script>${S}</script>`,
  `</SCRIPT ><img src=x onerror=${S}>`,
  `</title><script>${S}</script>`,
  `</textarea><script>${S}</script>`,
  `</style><script>${S}</script>`,
  `</noscript><script>${S}</script>`,
  `</head><body onload=${S}>`,
  `"><script>${S}</script>`,
  `'><img src=x onerror=${S}>`,
  `" onmouseover="${S}" x="`,
  `' onfocus='${S}' autofocus='`,
  `" autofocus onfocus=${S} "`,
  `"/><svg/onload=${S}>`,
  `\`; ${S}; \``,
  `'; ${S}; '`,
  `"; ${S}; "`,
  `\\"; ${S}; //`,
  `</script><!--`,
  `{"@context":"x"}</script><script>${S}</script>`,
  `\u2028${S}\u2029`,
  `${"\u003c"}script${"\u003e"}${S}${"\u003c"}/script${"\u003e"}`,
  `&lt;script&gt;${S}&lt;/script&gt;`,
  `&#60;img src=x onerror=${S}&#62;`,
  `%3Cscript%3E${S}%3C/script%3E`,
  `\\u003cscript\\u003e${S}\\u003c/script\\u003e`,
  `＜script＞${S}＜/script＞`,
  `<scr\u0000ipt>${S}</scr\u0000ipt>`,
  `<img src=x on\u200Berror=${S}>`,
  `<img src=x onerror\u00A0=${S}>`,
  `\u202E<img src=x onerror=${S}>`,
  `<a href="javas\u0000cript:${S}">x</a>`,
  `<a href="jav&#x09;ascript:${S}">x</a>`,
  `<a href="\u0001javascript:${S}">x</a>`,
  `ſcript ＜img src=x onerror=${S}＞`,
  `<ſcript>${S}</ſcript>`,
  `𝓍𝓈𝓈 <img src=x onerror=${S}> 🙂`,
  `javascript:${S}`,
  `javascript:alert(document.domain)`,
  `data:text/html,<script>${S}</script>`,
  `data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+`,
  `https://example.org/"><script>${S}</script>`,
  `https://example.org/?q=<img src=x onerror=${S}>`,
  `https://example.org/#javascript:${S}`,
  `{{constructor.constructor('${S}')()}}`,
  `\${${S}}`,
  `<%= ${S} %>`,
  `#{${S}}`,
  `<img src=x onerror=eval(atob('X194c3MoKQ=='))>`,
  `<a href=# onclick="fetch('${HIT}')">xssm</a>`,
  `<img src=1 onerror="this.src='${HIT}'">`,
  `<x contenteditable onblur=${S}>xssm`,
  `<svg><set attributeName=onmouseover to=${S}>`,
  `<keygen autofocus onfocus=${S}>`,
  `<bgsound src="javascript:${S}">`,
  `<frameset onload=${S}>`,
];

export const XSS_PAYLOADS: readonly string[] = markup;

/** Hostile Tiptap documents sent straight to the save action's domain function (bypassing the editor). */
export function craftedBodies(uploadSrc: string): { name: string; doc: unknown }[] {
  const p = (text: string, marks?: unknown[]) => ({ type: "paragraph", content: [{ type: "text", text, ...(marks ? { marks } : {}) }] });
  const doc = (...content: unknown[]) => ({ type: "doc", content });
  const link = (href: string) => [{ type: "link", attrs: { href } }];
  const out: { name: string; doc: unknown }[] = [];
  for (const href of [
    "javascript:__xss()",
    " javascript:__xss()",
    "JAVASCRIPT:alert(1)",
    "java\tscript:__xss()",
    "data:text/html,<script>__xss()</script>",
    "vbscript:x",
    "//evil.example/x",
    "/__xss_hit",
  ]) {
    out.push({ name: `link ${JSON.stringify(href)}`, doc: doc(p("xssm link", link(href))) });
  }
  out.push({
    name: "link with onclick attr",
    doc: doc(p("xssm", [{ type: "link", attrs: { href: "https://example.org", onclick: "__xss()", target: '_self" onmouseover="__xss()' } }])),
  });
  out.push({
    name: "link rel/class injection",
    doc: doc(
      p("xssm", [
        { type: "link", attrs: { href: 'https://example.org/"onmouseover="__xss()', rel: 'x" onfocus="__xss()', class: 'xssm" autofocus onfocus="__xss()' } },
      ]),
    ),
  });
  for (const src of [
    "javascript:__xss()",
    "data:image/svg+xml,<svg onload=alert(1)>",
    'x" onerror="__xss()',
    "/uploads/../api/e2e",
    "http://example.org/a.jpg",
  ]) {
    out.push({ name: `image src ${JSON.stringify(src)}`, doc: doc({ type: "image", attrs: { src, alt: "xssm" } }) });
  }
  out.push({ name: "image onerror attr", doc: doc({ type: "image", attrs: { src: uploadSrc, alt: "a", onerror: "__xss()", style: "x", class: "xssm" } }) });
  out.push({
    name: "image alt/caption/credit breakouts",
    doc: doc({
      type: "image",
      attrs: { src: uploadSrc, alt: '"><img src=x onerror=__xss()>', caption: "</figcaption><script>__xss()</script>", credit: "<img src=x onerror=alert(1)>" },
    }),
  });
  out.push({
    name: "image src attribute breakout (https)",
    doc: doc({ type: "image", attrs: { src: 'https://example.org/x.jpg" onerror="__xss()', alt: "x" } }),
  });
  out.push({ name: "unknown node script", doc: doc({ type: "script", content: [{ type: "text", text: "__xss()" }] }) });
  out.push({ name: "unknown node html", doc: doc({ type: "html", attrs: { html: "<img src=x onerror=__xss()>" } }) });
  out.push({ name: "unknown node iframe", doc: doc({ type: "iframe", attrs: { src: "javascript:__xss()" } }) });
  out.push({ name: "unknown mark", doc: doc(p("xssm", [{ type: "script" }])) });
  out.push({
    name: "mark with style attr",
    doc: doc(p("xssm", [{ type: "bold", attrs: { style: "background:url(javascript:__xss())", onmouseover: "__xss()" } }])),
  });
  out.push({
    name: "heading level injection",
    doc: doc({ type: "heading", attrs: { level: "1 onmouseover=__xss()" }, content: [{ type: "text", text: "xssm" }] }),
  });
  out.push({ name: "heading level 9", doc: doc({ type: "heading", attrs: { level: 9 }, content: [{ type: "text", text: "xssm" }] }) });
  out.push({
    name: "codeBlock language injection",
    doc: doc({ type: "codeBlock", attrs: { language: 'x" onmouseover="__xss()' }, content: [{ type: "text", text: "<script>__xss()</script>" }] }),
  });
  out.push({
    name: "orderedList start injection",
    doc: doc({ type: "orderedList", attrs: { start: '1" onclick="__xss()' }, content: [{ type: "listItem", content: [p("xssm")] }] }),
  });
  out.push({ name: "text node with html", doc: doc(p("<script>__xss()</script><img src=x onerror=__xss()>")) });
  out.push({
    name: "text with extra keys",
    doc: doc({ type: "paragraph", attrs: { onclick: "__xss()" }, content: [{ type: "text", text: "xssm", html: "<img src=x onerror=__xss()>" }] }),
  });
  out.push({ name: "doc attrs", doc: { type: "doc", attrs: { onload: "__xss()" }, content: [p("xssm")] } });
  out.push({ name: "non-doc root", doc: { type: "paragraph", content: [{ type: "text", text: "<script>__xss()</script>" }] } });
  out.push({ name: "string body with html", doc: "<p><script>__xss()</script></p>" });
  out.push({ name: "JSON string body", doc: JSON.stringify(doc(p("</script><script>__xss()</script>"))) });
  out.push({
    name: "prototype pollution keys",
    doc: JSON.parse(
      '{"type":"doc","__proto__":{"onload":"__xss()"},"content":[{"type":"paragraph","content":[{"type":"text","text":"xssm","constructor":{"prototype":{"x":1}}}]}]}',
    ),
  });
  return out;
}

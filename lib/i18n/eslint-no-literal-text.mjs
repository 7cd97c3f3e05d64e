/**
 * ESLint rule `newsroom/no-literal-text` (eslint.config.mjs): interface text written in a component
 * instead of coming from the catalogue (messages/<lang>/*.json). Reports JSX text, string literals
 * placed as JSX children (`{"Save"}`), and the user-visible attributes (aria-label, title,
 * placeholder, alt, aria-description, aria-roledescription, and components' label, heading, hint…)
 * written as literals — when they hold a letter. Punctuation, symbols, digits and spaces (`·`, `—`, `→`, `(`, `2/3`) are allowed.
 */
const LETTER = /\p{L}/u;
const VISIBLE_ATTRIBUTES = new Set([
  ...["aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription", "aria-placeholder"],
  // The newsroom components' own props that carry text to show.
  ...["label", "heading", "description", "hint", "help", "caption", "legend", "message", "emptyText", "confirm", "confirmText", "pendingLabel"],
]);

const shown = (text) => text.replace(/\s+/g, " ").trim().slice(0, 60);

/** @type {import("eslint").Rule.RuleModule} */
export const noLiteralText = {
  meta: {
    type: "problem",
    docs: { description: "Interface text comes from the catalogue (next-intl), not from the component." },
    messages: { literal: "Text “{{text}}” is written in the component: put it in the catalogue (messages/en and messages/fr) and use t(…)." },
    schema: [],
  },
  create(context) {
    const report = (node, text) => {
      if (LETTER.test(text)) context.report({ node, messageId: "literal", data: { text: shown(text) } });
    };
    const literalText = (expr) => {
      if (!expr) return null;
      if (expr.type === "Literal" && typeof expr.value === "string") return expr.value;
      if (expr.type === "TemplateLiteral") return expr.quasis.map((q) => q.value.cooked ?? "").join(" ");
      return null;
    };
    return {
      JSXText(node) {
        report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type !== "JSXElement" && node.parent?.type !== "JSXFragment") return;
        const text = literalText(node.expression);
        if (text !== null) report(node, text);
      },
      JSXAttribute(node) {
        const name = node.name.type === "JSXIdentifier" ? node.name.name : null;
        if (!name || !VISIBLE_ATTRIBUTES.has(name) || !node.value) return;
        const text = node.value.type === "Literal" ? String(node.value.value) : literalText(node.value.expression);
        if (text !== null) report(node, text);
      },
    };
  },
};

const plugin = { rules: { "no-literal-text": noLiteralText } };
export default plugin;

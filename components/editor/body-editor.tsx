"use client";

import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { memo, useCallback, useEffect, useRef, useState } from "react";

import { readingMinutes, wordCount } from "@/lib/rich-text/count";

import { CleanPaste } from "./clean-paste";
import { articleExtensions } from "./extensions";
import { ImageDialog } from "./image-dialog";
import { LinkDialog } from "./link-dialog";
import { LiveCarets } from "./live-carets";
import type { LiveSession } from "./live-session";
import { Suggestions } from "./suggestions/extension";
import { SuggestionsPanel } from "./suggestions/panel";
import { Toolbar } from "./toolbar";
import { Typography } from "./typography";
import { patchYBinding } from "./y-binding";

patchYBinding();

export type BodyEditorProps = {
  initial: unknown;
  editable: boolean;
  error?: string;
  onReady: (editor: Editor | null) => void;
  onDirty: () => void;
  /** The article's language: spell-check, screen readers and typography follow it. */
  language: string;
  /** Carries "language" events when the Language field changes. */
  languageBus: EventTarget;
  /** The user's "Typography as you type" preference. */
  typography: boolean;
  /** A live session: the body is its shared document (and the autosave never sends it). */
  live?: LiveSession | null;
};

/**
 * The Body field. The editor does not re-render React on transactions; a keystroke only tells
 * the autosave engine that the body changed (it calls getJSON when it actually saves).
 */
export const BodyEditor = memo(function BodyEditor({ initial, editable, error, onReady, onDirty, language, languageBus, typography, live }: BodyEditorProps) {
  const t = useTranslations("editor");
  const [linkOpen, setLinkOpen] = useState(false);
  const [imageOpen, setImageOpen] = useState(false);
  const [pastedImage, setPastedImage] = useState<File | null>(null);
  // How many times Suggest mode refused to delete an image or a rule (components/editor/suggestions/extension.ts); 0 once said.
  const [refused, setRefused] = useState(0);
  const refusedSaid = useCallback(() => setRefused(0), []);
  const lang = useRef(language);
  const editor = useEditor({
    extensions: [
      ...(live
        ? [
            ...articleExtensions({ live: true }),
            Collaboration.configure({ document: live.doc, field: "default" }),
            LiveCarets.configure({ awareness: live.provider.awareness }),
            Suggestions.configure({ user: live.opts.me, onRefused: () => setRefused((n) => n + 1) }),
          ]
        : articleExtensions()),
      // The extension reads the ref at each keystroke only, never during render.
      // eslint-disable-next-line react-hooks/refs
      Typography.configure({ language: () => lang.current, enabled: () => typography }),
      CleanPaste.configure({
        onImageFile: (file) => {
          setPastedImage(file);
          setImageOpen(true);
        },
      }),
    ],
    ...(live ? {} : { content: initial as object }),
    editable,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    onUpdate: live ? undefined : () => onDirty(),
    editorProps: {
      attributes: {
        id: "article-body",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": "body-label",
        lang: language,
        spellcheck: "true",
        ...(error ? { "aria-invalid": "true", "aria-describedby": "body-error" } : {}),
        class: "prose prose-neutral dark:prose-invert max-w-none min-h-[24rem] px-3 py-2 focus:outline-none",
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
          event.preventDefault();
          setLinkOpen(true);
          return true;
        }
        return false;
      },
    },
  });

  useEffect(() => {
    onReady(editor);
    return () => onReady(null);
  }, [editor, onReady]);
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    const follow = (e: Event) => {
      lang.current = (e as CustomEvent<string>).detail;
      editor?.view.dom.setAttribute("lang", lang.current);
    };
    languageBus.addEventListener("language", follow);
    return () => languageBus.removeEventListener("language", follow);
  }, [editor, languageBus]);

  const currentHref = linkOpen && editor ? ((editor.getAttributes("link").href as string | undefined) ?? "") : "";
  return (
    <div>
      <span id="body-label" className="mb-1 block text-sm font-semibold">
        {t("fields.body")}
      </span>
      <div
        className={`rounded border ${error ? "border-red-600" : "border-neutral-400 dark:border-neutral-600"} focus-within:ring-2 focus-within:ring-blue-600`}
      >
        {editor && <Toolbar editor={editor} disabled={!editable} onLink={() => setLinkOpen(true)} onImage={() => setImageOpen(true)} />}
        <EditorContent editor={editor} />
      </div>
      {refused > 0 && <RefusedNote at={refused} onDone={refusedSaid} />}
      {live && editor && <SuggestionsPanel editor={editor} editable={editable} />}
      {error && (
        <p id="body-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {editor && <WordCount editor={editor} />}
      <LinkDialog
        open={linkOpen}
        initialHref={currentHref}
        onClose={() => {
          setLinkOpen(false);
          editor?.commands.focus();
        }}
        onRemove={() => {
          editor?.chain().focus().extendMarkRange("link").unsetLink().run();
          setLinkOpen(false);
        }}
        onApply={(href) => {
          const chain = editor?.chain().focus().extendMarkRange("link");
          if (editor?.state.selection.empty && !editor.isActive("link")) {
            chain?.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
          } else chain?.setLink({ href }).run();
          setLinkOpen(false);
        }}
      />
      <ImageDialog
        open={imageOpen}
        title={t("image.insertTitle")}
        submitLabel={t("image.insertSubmit")}
        file={pastedImage}
        onClose={() => {
          setImageOpen(false);
          setPastedImage(null);
        }}
        onInsert={(img) => {
          editor
            ?.chain()
            .focus()
            .insertContent({ type: "image", attrs: { src: img.src, alt: img.alt, caption: img.caption ?? null, credit: img.credit ?? null } })
            .run();
          setImageOpen(false);
          setPastedImage(null);
        }}
      />
    </div>
  );
});

/** Why nothing happened: Suggest mode cannot mark an image or a rule as deleted. Goes after a while. */
function RefusedNote({ at, onDone }: { at: number; onDone: () => void }) {
  const t = useTranslations("suggestions");
  useEffect(() => {
    const timer = setTimeout(onDone, 8000);
    return () => clearTimeout(timer);
  }, [at, onDone]);
  return (
    <p role="status" className="mt-1 text-sm font-semibold text-amber-900 dark:text-amber-200">
      {t("blockNotDeleted")}
    </p>
  );
}

/** Counted after typing pauses, so a long article never pays for it per keystroke. */
function WordCount({ editor }: { editor: Editor }) {
  const t = useTranslations("editor.body");
  const [words, setWords] = useState(() => wordCount(editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n", " ")));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWords(wordCount(editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n", " "))), 400);
    };
    editor.on("update", update);
    return () => {
      clearTimeout(timer);
      editor.off("update", update);
    };
  }, [editor]);
  return <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t("count", { words, minutes: words ? readingMinutes(words) : 0 })}</p>;
}

import "server-only";

import type { Document } from "@hocuspocus/server";
import type { Logger } from "pino";
import * as Y from "yjs";

import type { Tx } from "@/db";
import { claimOutsideBody, getCollabSource, storeCollabDocument } from "@/db/queries/collab";
import { addContributors } from "@/lib/articles/store";
import { clearChecklistOnChange } from "@/lib/checklist/checklist";

import { articleIdFromDocumentName } from "./access";
import { readBody, writeBody } from "./document";

/**
 * Fixed client id for the first Yjs content of an article: two instances that load the same
 * article at once (Redis) build byte-identical updates, which Yjs merges as one, not twice.
 */
const SEED_CLIENT_ID = 1;

/** A failed store is tried again after 200 ms, doubling up to this (the driver reconnects within 2 s). */
const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Source = Awaited<ReturnType<typeof getCollabSource>>;

type Live = { bytes: number; writers: Set<string>; loadHash: string; storing: Promise<void> | null };

/** Loading and storing the live bodies, with what each open document needs remembered. */
export class LiveBodies {
  private live = new Map<string, Live>();
  private closed = false;
  /** Until when a failed store is tried again: for ever, until shutdown sets a deadline (closing()). */
  private retryUntil = Number.POSITIVE_INFINITY;
  constructor(private opts: { db: () => Promise<Tx>; log: Logger; maxDocumentBytes: number }) {}

  articleIdOf(name: string): string {
    const id = articleIdFromDocumentName(name);
    if (!id) throw new Error("bad document name");
    return id;
  }

  async load(document: Document, name: string): Promise<Document> {
    const db = await this.opts.db();
    const articleId = this.articleIdOf(name);
    const src = await getCollabSource({ db, articleId });
    if (!src) throw new Error("no such article");
    if (!src.state) {
      const seed = new Y.Doc();
      seed.clientID = SEED_CLIENT_ID;
      writeBody(seed, src.body);
      Y.applyUpdate(document, Y.encodeStateAsUpdate(seed));
    } else {
      Y.applyUpdate(document, src.state);
      if (src.stateBodyHash !== src.bodyHash && (await claimOutsideBody({ db, articleId, fromHash: src.stateBodyHash!, toHash: src.bodyHash }))) {
        writeBody(document, src.body);
      }
    }
    this.live.set(name, { bytes: Y.encodeStateAsUpdate(document).byteLength, writers: new Set(), loadHash: src.bodyHash, storing: null });
    return document;
  }

  /** Whether `bytes` more would take the document over its cap (counted before they are applied). */
  wouldExceed(document: Document, bytes: number): boolean {
    const live = this.live.get(document.name);
    if (!live) return false;
    live.bytes += bytes;
    return live.bytes > this.opts.maxDocumentBytes;
  }

  noteWriter(document: Document, userId: string): void {
    this.live.get(document.name)?.writers.add(userId);
  }

  /**
   * One store at a time per document; a store asked for during one runs after it. A store that
   * fails (the database is out) is tried again until it succeeds: it never rejects into
   * Hocuspocus, whose debounced store leaves the rejection unhandled (the process would exit), and
   * while it is pending Hocuspocus keeps the document in memory, even once every client has left
   * (it would otherwise unload it unstored). Only at shutdown does it give up, after closing()'s
   * deadline.
   */
  async store(document: Document): Promise<void> {
    const live = this.live.get(document.name);
    if (this.closed) return;
    const previous = (live?.storing ?? Promise.resolve()).catch(() => undefined);
    const next = previous.then(() => this.storeRetrying(document, live));
    if (!live) return next;
    const tracked = next.finally(() => {
      if (live.storing === tracked) live.storing = null;
    });
    live.storing = tracked;
    return tracked;
  }

  private async storeRetrying(document: Document, live: Live | undefined): Promise<void> {
    const memo: { before?: Source | null } = {};
    for (let attempt = 0; ; attempt++) {
      if (this.closed) return;
      try {
        await this.storeNow(document, live, memo);
        if (attempt > 0) this.opts.log.info({ documentName: document.name, attempts: attempt + 1 }, "collab document stored after failures");
        return;
      } catch (error) {
        const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt, this.retryUntil - Date.now());
        if (wait <= 0) {
          this.opts.log.error({ err: error, documentName: document.name, attempts: attempt + 1 }, "collab document not stored: giving up at shutdown");
          throw error;
        }
        // The first failure, then one line every ~10 failures: an outage does not flood the log.
        if (attempt % 10 === 0) this.opts.log.warn({ err: error, documentName: document.name, attempts: attempt + 1 }, "collab store failed, trying again");
        await sleep(wait);
      }
    }
  }

  private async storeNow(document: Document, live: Live | undefined, memo: { before?: Source | null }): Promise<void> {
    const articleId = this.articleIdOf(document.name);
    const body = readBody(document);
    if (!body.ok) {
      // Nothing of a document the app would refuse reaches the database; the last good copy stays.
      this.opts.log.warn({ documentName: document.name, reason: body.error }, "collab document not stored: invalid body");
      return;
    }
    const state = Y.encodeStateAsUpdate(document);
    const writers = [...(live?.writers ?? [])];
    const db = await this.opts.db();
    // The body before this store, read once: a retry after a failure part-way (the body stored,
    // the sign-off step not) still compares with the body the writers changed.
    if (memo.before === undefined) memo.before = writers.length ? await getCollabSource({ db, articleId }) : null;
    const before = memo.before;
    const hash = await storeCollabDocument({ db, articleId, state, body: body.doc, userId: writers.at(-1) ?? null });
    if (hash === null) return; // the article was deleted meanwhile
    if (writers.length) await addContributors(db, articleId, writers);
    // As a version-checked save does: a changed body lifts the sign-off ticks given to the old one.
    if (before) await clearChecklistOnChange(db, writers.at(-1)!, articleId, before, { body: body.doc, version: before.version });
    if (live) {
      for (const w of writers) live.writers.delete(w);
      live.bytes = state.byteLength;
      live.loadHash = hash;
    }
  }

  /** A body changed outside the live session (restore, import, a version-checked save) replaces the live one. */
  async followOutsideChanges(document: Document): Promise<void> {
    const live = this.live.get(document.name);
    if (!live || live.storing) return;
    const db = await this.opts.db();
    const articleId = this.articleIdOf(document.name);
    const src = await getCollabSource({ db, articleId });
    if (!src || live.storing) return;
    const stored = src.stateBodyHash ?? live.loadHash;
    if (stored === src.bodyHash) return;
    const claimed = src.stateBodyHash ? await claimOutsideBody({ db, articleId, fromHash: src.stateBodyHash, toHash: src.bodyHash }) : true;
    live.loadHash = src.bodyHash;
    if (!claimed) return;
    this.opts.log.info({ documentName: document.name }, "collab document replaced by a body saved outside the live session");
    writeBody(document, src.body);
  }

  /** Shutdown: failed stores are tried again only for `ms` more (then the stores reject). */
  closing(ms: number): void {
    this.retryUntil = Math.min(this.retryUntil, Date.now() + ms);
  }

  /** After the last stores on shutdown: nothing more is written (the database may be closing). */
  close(): void {
    this.closed = true;
  }

  forget(name: string): void {
    this.live.delete(name);
  }
}

import type { Logger } from '../core/logger';

/** What the function says when it finds a document it did not write. */
export const LOCK_COLLECTION_FIX = 'set the collection to 仅管理端可读写 (cloud console → 数据库 → 权限设置)';

type Document = Record<string, unknown>;

/** The documents of a database answer; whatever is not an object is an empty document. */
export function documentsOf(data: unknown): Document[] {
  return (Array.isArray(data) ? data : []).map((document) =>
    typeof document === 'object' && document !== null ? (document as Document) : {},
  );
}

/** A document's id as a log line may show it. */
export function idOf(document: Document): string | undefined {
  return typeof document._id === 'string' ? document._id.slice(0, 80) : undefined;
}

/** A document a mini-program user wrote or changed carries its `_openid`: never the function's own. */
export function isForeign(document: Document): boolean {
  return '_openid' in document;
}

/** Why a document is not the function's own. */
export const FOREIGN = 'written by a mini-program user (_openid)';

/** Logs a document of `store` that the function cannot have written, with how to stop users writing there. */
export function logIgnored(log: Logger, store: string, document: Document, why: string): void {
  log.warn(`${store}: ignored a document that cannot be ours`, { id: idOf(document), why, fix: LOCK_COLLECTION_FIX });
}

/**
 * The documents of an answer that this function wrote, as the alert memory and the balance history
 * read them (the lease and the doctor check one document with `isForeign`; the heartbeat's query leaves
 * users' documents out). Each other one is logged and left out.
 */
export function ownDocuments(data: unknown, log: Logger, store: string): Document[] {
  return documentsOf(data).filter((document) => {
    if (!isForeign(document)) return true;
    logIgnored(log, store, document, FOREIGN);
    return false;
  });
}

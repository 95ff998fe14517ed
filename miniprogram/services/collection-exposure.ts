import { ALERT_COLLECTION, HISTORY_COLLECTION } from '../contract/values';
/** The cloud database collections the function keeps its balance history and alert memory in: server-only by design. */
export const FUNCTION_COLLECTIONS = [HISTORY_COLLECTION, ALERT_COLLECTION] as const;

/** Reads a few documents of a collection as this user may (`wx.cloud.database()`), injectable for tests. */
export type ReadAsUser = (collection: string) => Promise<{ data?: unknown }>;

/** Documents read per collection: enough to reach one of the function's past a few planted by users. */
export const EXPOSURE_READ_LIMIT = 5;

/**
 * The function's collections every user of the mini-program can read. Under 仅管理端可读写 a read from
 * the mini-program fails; under a "creator" preset it answers only the user's own documents (each
 * carries its `_openid`). A document without `_openid` is one the function wrote: if it comes back,
 * anyone can read it. A read that fails for any other reason says nothing, so it is not reported.
 */
export async function exposedCollections(read: ReadAsUser): Promise<string[]> {
  const readable = await Promise.all(
    FUNCTION_COLLECTIONS.map(async (name) => {
      try {
        const { data } = await read(name);
        return Array.isArray(data) && data.some(isFunctionDocument);
      } catch {
        return false;
      }
    }),
  );
  return FUNCTION_COLLECTIONS.filter((_, index) => readable[index]);
}

function isFunctionDocument(document: unknown): boolean {
  return typeof document === 'object' && document !== null && !('_openid' in document);
}

/** What the page says, in red, about collections anyone can read: which, why it matters, and the one-line fix. */
export function exposureText(names: readonly string[]): string {
  return (
    `数据库集合 ${names.join('、')} 目前所有用户可读，余额历史和提醒记录可能被他人看到。` +
    '请管理员在 云开发控制台 → 数据库 → 权限设置 中改为「仅管理端可读写」。'
  );
}

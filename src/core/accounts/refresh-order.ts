/**
 * Which accounts to query live, oldest stored balance first (never stored counts as oldest), and which
 * to answer from storage because they were read less than `refreshAfterMs` ago (the timer's rounds).
 * Ties keep the listing order. Pure.
 */
export function refreshOrder<T>(
  items: readonly T[],
  storedAt: (item: T) => number | undefined,
  now: number,
  refreshAfterMs?: number,
): { query: T[]; fresh: T[] } {
  const fresh: T[] = [];
  const due: Array<{ item: T; at: number; index: number }> = [];
  items.forEach((item, index) => {
    const at = storedAt(item);
    if (at !== undefined && refreshAfterMs !== undefined && now - at < refreshAfterMs) fresh.push(item);
    else due.push({ item, at: at ?? Number.NEGATIVE_INFINITY, index });
  });
  due.sort((a, b) => a.at - b.at || a.index - b.index);
  return { query: due.map((entry) => entry.item), fresh };
}

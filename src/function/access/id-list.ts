/**
 * Ids pasted into an environment variable by hand: separated by commas (also the full-width ，that a
 * Chinese keyboard types), semicolons, spaces or new lines, as people write lists in the cloud console.
 */
export function parseIdList(raw: string | undefined): ReadonlySet<string> {
  return new Set((raw ?? '').split(/[\s,，;；、]+/u).filter((id) => id.length > 0));
}

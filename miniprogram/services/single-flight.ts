/** Each page instance's running load, by the instance: a Page definition's own fields are shared by its instances' template. */
const running = new WeakMap<object, Promise<void>>();

/**
 * One load at a time per page instance: a second pull-down or retry while one runs joins it instead
 * of calling the function again, and the next call after it ends starts afresh (also after a failure).
 */
export function joinOrStart(page: object, start: () => Promise<void>): Promise<void> {
  const joined = running.get(page);
  if (joined) return joined;
  const land = (): void => {
    running.delete(page);
  };
  // Not finally(): the page's ES2017 library does not have it.
  const load = start().then(land, (error: unknown) => {
    land();
    throw error;
  });
  running.set(page, load);
  return load;
}

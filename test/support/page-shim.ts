/**
 * miniprogram-simulate knows only Component; this registers a Page's options as a component: its
 * data, its functions as methods, its other properties copied onto the instance (as WeChat does for a
 * page), and onLoad run with `query` when the component is attached (kept as `loading`). `overrides`
 * replaces page methods, such as the page's clock.
 */
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

export function installPageShim(
  overrides: Record<string, (...args: never[]) => unknown> = {},
  query: Record<string, string> = {},
): void {
  (globalThis as unknown as { Page: (options: PageOptions) => void }).Page = (options) => {
    const { data, ...rest } = { ...options, ...overrides };
    const methods = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => typeof value === 'function'),
    ) as Record<string, (...args: never[]) => unknown>;
    const fields = Object.entries(rest).filter(([, value]) => typeof value !== 'function');
    Component({
      data: data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & { onLoad?: (query: Record<string, string>) => unknown }) {
          for (const [key, value] of fields) this[key] = JSON.parse(JSON.stringify(value)) as unknown;
          this.loading = this.onLoad?.(query);
        },
      },
    });
  };
}

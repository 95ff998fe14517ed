/**
 * miniprogram-simulate knows only Component; this registers a Page's options as a component: its
 * data, its functions as methods, and onLoad run when the component is attached (kept as `loading`).
 */
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

export function installPageShim(): void {
  (globalThis as unknown as { Page: (options: PageOptions) => void }).Page = (options) => {
    const { data, ...rest } = options;
    const methods = Object.fromEntries(Object.entries(rest).filter(([, value]) => typeof value === 'function')) as Record<string, (...args: never[]) => unknown>;
    Component({
      data: data ?? {},
      methods,
      lifetimes: {
        attached(this: { onLoad?: (query: Record<string, string>) => unknown; loading?: unknown }) {
          this.loading = this.onLoad?.({});
        },
      },
    });
  };
}

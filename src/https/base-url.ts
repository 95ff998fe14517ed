/** Where WeChat's HTTP API is served, unless a gateway or a test server is named instead. */
export const DEFAULT_API_BASE_URL = 'https://api.weixin.qq.com';

/**
 * A base URL checked as a boundary: http(s) only, with no query, fragment or credentials (each would
 * be sent, or silently dropped, with every request, and credentials would travel beside the secret).
 * `name` is what the caller calls it (`WX_API_BASE_URL`, `baseUrl`), so that the message names it.
 * Throws an Error that says what to fix.
 */
export function parseBaseUrl(text: string, name: string): URL {
  const form = `Use the form ${DEFAULT_API_BASE_URL}, or https://gateway.example.com/prefix for a gateway.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} is not a URL: ${shownUnparsed(text)}. ${form}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    // `user:password@host` without a scheme parses with the user name as the scheme: not echoed then.
    throw new Error(`${name} must start with https://${text.includes('@') ? '' : ` (got ${url.protocol})`}. ${form}`);
  // None of these is echoed: a user name, password or query may hold a secret (nor, above, in a text that does not parse).
  if (url.username || url.password)
    throw new Error(`${name} must not carry a user name or password: give the base URL only. ${form}`);
  // A bare `?` or `#` leaves search and hash empty, so the text is checked too.
  if (url.search || text.includes('?'))
    throw new Error(`${name} must not carry a query string: give the base URL only. ${form}`);
  if (url.hash || text.includes('#'))
    throw new Error(`${name} must not carry a fragment: give the base URL only. ${form}`);
  return url;
}

/** How long a text that is not a URL is shown, at most. */
const SHOWN_CHARS = 120;

/**
 * A text that does not parse as a URL, as a refusal may show it: what could be a user name or password
 * (everything between `//` and the last `@`, wherever it is, since an unparsed text has no reliable
 * parts) is `…`, and so is everything from the first `?` or `#` on; cut to SHOWN_CHARS, quoted on one line.
 * What is left still shows the usual mistakes: a missing scheme, a space, a stray character in the host.
 */
export function shownUnparsed(text: string): string {
  let shown = text;
  const at = shown.lastIndexOf('@');
  if (at !== -1) {
    const start = shown.indexOf('//');
    shown = `${start !== -1 && start < at ? shown.slice(0, start + 2) : ''}…${shown.slice(at)}`;
  }
  const cut = shown.search(/[?#]/);
  if (cut !== -1) shown = `${shown.slice(0, cut + 1)}…`;
  if (shown.length > SHOWN_CHARS) shown = `${shown.slice(0, SHOWN_CHARS)}…`;
  return JSON.stringify(shown);
}

/** The URL of `path` (such as `/cgi-bin/stable_token`) under the base URL, keeping any path prefix it has. */
export function resolveApiUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}

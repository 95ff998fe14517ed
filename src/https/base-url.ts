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
    throw new Error(`${name} is not a URL: "${text}". ${form}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${name} must start with https:// (got ${url.protocol}). ${form}`);
  // None of these is echoed: a user name, password or query may hold a secret.
  if (url.username || url.password)
    throw new Error(`${name} must not carry a user name or password: give the base URL only. ${form}`);
  // A bare `?` or `#` leaves search and hash empty, so the text is checked too.
  if (url.search || text.includes('?'))
    throw new Error(`${name} must not carry a query string: give the base URL only. ${form}`);
  if (url.hash || text.includes('#'))
    throw new Error(`${name} must not carry a fragment: give the base URL only. ${form}`);
  return url;
}

/** The URL of `path` (such as `/cgi-bin/stable_token`) under the base URL, keeping any path prefix it has. */
export function resolveApiUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}

import { parseBaseUrl, resolveApiUrl, shownUnparsed } from '../../src/https/base-url';

describe('parseBaseUrl', () => {
  it.each([
    'https://api.weixin.qq.com',
    'http://127.0.0.1:8080',
    'https://gw.example.com/wechat',
    'https://gw.example.com/wechat/',
  ])('accepts %s', (text) => {
    expect(parseBaseUrl(text, 'WX_API_BASE_URL').href.startsWith(text)).toBe(true);
  });

  it.each([
    ['gw.example.com', 'is not a URL'],
    ['ftp://gw.example.com', 'must start with https:// (got ftp:)'],
    ['javascript:alert(1)', 'must start with https://'],
    ['https://gw.example.com/?a=1', 'must not carry a query string'],
    ['https://gw.example.com/?', 'must not carry a query string'],
    ['https://gw.example.com/#top', 'must not carry a fragment'],
    ['https://gw.example.com/#', 'must not carry a fragment'],
    ['https://someone@gw.example.com', 'must not carry a user name or password'],
    ['https://:pass-word-1@gw.example.com', 'must not carry a user name or password'],
  ])('refuses %s, naming the variable', (text, message) => {
    expect(() => parseBaseUrl(text, 'WX_API_BASE_URL')).toThrow(`WX_API_BASE_URL ${message}`);
  });

  it('never echoes a password or query it refuses', () => {
    for (const text of [
      'https://u:pass-word-1@gw.example.com',
      'https://gw.example.com/?key=pass-word-1',
      'https://gw.example.com/#pass-word-1',
    ]) {
      expect(() => parseBaseUrl(text, 'baseUrl')).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('pass-word-1') }),
      );
    }
  });
});

describe('a base URL that does not parse', () => {
  it.each([
    ['https://ops:S3cret-pw@gw .example.com/wechat', '"https://…@gw .example.com/wechat"'],
    ['https://ops:S3c/ret-pw@gw .example.com/', '"https://…@gw .example.com/"'],
    ['https://ops:S3c#ret-pw@gw .example.com/', '"https://…@gw .example.com/"'],
    ['https://gw .example.com/?key=S3cret-pw', '"https://gw .example.com/?…"'],
    ['https://gw .example.com/#S3cret-pw', '"https://gw .example.com/#…"'],
    ['gw.example.com', '"gw.example.com"'],
  ])('shows %s as %s: never a user name, password, query or fragment', (text, shown) => {
    let message = '';
    try {
      parseBaseUrl(text, 'WX_API_BASE_URL');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`WX_API_BASE_URL is not a URL: ${shown}. `);
    expect(message).not.toMatch(/S3c|ret-pw|ops:/);
  });

  it('does not take the user name of user:password@host for a scheme to show', () => {
    expect(() => parseBaseUrl('ops:S3cret-pw@gw.example.com', 'WX_API_BASE_URL')).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/ops|S3cret/) }),
    );
  });

  it('shows at most 120 characters of it, on one line', () => {
    const shown = shownUnparsed(`gw.example.com/${'x'.repeat(1_000_000)}\n`);
    expect(shown.length).toBeLessThan(130);
    expect(shown).not.toContain('\n');
  });
});

describe('resolveApiUrl', () => {
  it.each([
    ['https://api.weixin.qq.com', 'https://api.weixin.qq.com/cgi-bin/stable_token'],
    ['https://gw.example.com/wechat', 'https://gw.example.com/wechat/cgi-bin/stable_token'],
    ['https://gw.example.com/wechat/', 'https://gw.example.com/wechat/cgi-bin/stable_token'],
    ['https://gw.example.com/a/b//', 'https://gw.example.com/a/b/cgi-bin/stable_token'],
  ])('keeps the path prefix of %s', (base, expected) => {
    expect(resolveApiUrl(parseBaseUrl(base, 'baseUrl'), '/cgi-bin/stable_token').href).toBe(expected);
  });
});

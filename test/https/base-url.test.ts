import { parseBaseUrl, resolveApiUrl } from '../../src/https/base-url';

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

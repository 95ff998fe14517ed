import fc from 'fast-check';
import url from 'node:url';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseSdkUrl } = require('../../scripts/build/patches/sdk-url.cjs') as {
  parseSdkUrl: (input: string) => unknown;
};

/** url.parse's answer as a plain object, as the SDK reads it. */
const legacy = (input: string) => ({ ...url.parse(input) });

// Punycode labels (xn--…) are left to url.parse, which a case below checks.
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/).filter((text) => !text.startsWith('xn--'));
const safe = (extra: string) =>
  fc.string({ unit: fc.constantFrom(...`abcXYZ019-._~!$&()*+,;=:@%/${extra}`.split('')), maxLength: 24 });
/** The URLs the SDK signs: its endpoints, a service URL the cloud injects, and their query strings. */
const sdkUrl = fc
  .record({
    protocol: fc.constantFrom('http', 'https'),
    host: fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
    port: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: undefined }),
    path: fc.option(
      safe('').map((rest) => `/${rest}`),
      { nil: undefined },
    ),
    query: fc.option(safe('?'), { nil: undefined }),
  })
  .map(
    ({ protocol, host, port, path: pathname, query }) =>
      `${protocol}://${host}${port === undefined ? '' : `:${port}`}${pathname ?? ''}${query === undefined ? '' : `?${query}`}`,
  );

describe("the build-time patch of the SDK's url.parse() calls (no DEP0169 warning on Node 24)", () => {
  it.each([
    'https://tcb-api.tencentcloudapi.com/admin?env=env-1&seqId=1a2b',
    'http://internal.ap-shanghai.tcb-api.tencentcloudapi.com/admin?env=prod-8g&seqId=x-1&scfRequestId=5f0c-11',
    'http://127.0.0.1:37211/admin?env=local-env&seqId=9',
    'https://api.example.com:443/admin',
    'http://a.com',
    'http://a.com/?',
  ])('answers what url.parse answers, without calling it, for %s', (input) => {
    const expected = legacy(input);
    const parse = jest.spyOn(url, 'parse');
    try {
      expect(parseSdkUrl(input)).toEqual(expected);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('answers what url.parse answers for every URL of the shapes the SDK signs', () => {
    fc.assert(
      fc.property(sdkUrl, (input) => {
        expect(parseSdkUrl(input)).toEqual(legacy(input));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    'https://user:secret@api.example.com/admin',
    'https://API.example.com/admin',
    'https://api.example.com/a b?c=d e',
    'https://api.example.com/x#fragment',
    'https://[::1]:8080/admin',
    'https://bücher.example/admin',
    'http://xn--bcher-kva.example/admin',
  ])('leaves any other URL to url.parse itself: %s', (input) => {
    const expected = legacy(input);
    const parse = jest.spyOn(url, 'parse');
    try {
      expect(parseSdkUrl(input)).toEqual(expected);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});

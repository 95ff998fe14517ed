import { Redactor } from '../../src/https/redactor';

describe('Redactor', () => {
  it('masks access_token values in URLs and text', () => {
    const redactor = new Redactor();
    expect(redactor.redact('GET https://x/cgi?access_token=ABC.def-123&b=1 failed')).toBe(
      'GET https://x/cgi?access_token=***&b=1 failed',
    );
    expect(redactor.redact('"access_token=abc"')).toBe('"access_token=***"');
  });

  it('masks every known secret wherever it appears', () => {
    const redactor = new Redactor();
    redactor.add('app-secret-value');
    redactor.add('TOKEN_1234567');
    expect(redactor.redact('secret app-secret-value and TOKEN_1234567, twice: TOKEN_1234567')).toBe(
      'secret *** and ***, twice: ***',
    );
  });

  it('ignores empty and very short values, which would mangle ordinary text', () => {
    const redactor = new Redactor();
    redactor.add('');
    redactor.add(undefined);
    redactor.add('a');
    expect(redactor.redact('a plain sentence')).toBe('a plain sentence');
  });

  it('copies an error as a cause with every message in its chain masked, and stops at a cycle', () => {
    const redactor = new Redactor();
    redactor.add('app-secret-value');
    const inner = Object.assign(new Error('connect to x?access_token=T0KEN failed'), { code: 'ECONNRESET' });
    const outer = new TypeError('fetch failed for app-secret-value', { cause: inner });
    (inner as { cause?: unknown }).cause = outer;
    const copy = redactor.redactError(outer);
    expect(copy).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed for ***',
      cause: { message: 'connect to x?access_token=*** failed', code: 'ECONNRESET' },
    });
  });
});

import { rememberLast } from '../../src/core/memo';

describe('rememberLast', () => {
  it('parses an unchanged input once, a changed one afresh, and never remembers a failure', () => {
    const seen: string[] = [];
    const parse = rememberLast((raw: string) => {
      seen.push(raw);
      if (raw === 'bad') throw new Error('bad input');
      return { raw };
    });
    const first = parse('a');
    expect(parse('a')).toBe(first);
    expect(parse('b')).toEqual({ raw: 'b' });
    expect(() => parse('bad')).toThrow('bad input');
    expect(() => parse('bad')).toThrow('bad input');
    expect(parse('b')).toEqual({ raw: 'b' });
    expect(seen).toEqual(['a', 'b', 'bad', 'bad']);
  });
});

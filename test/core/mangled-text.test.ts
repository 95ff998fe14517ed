import { assertNotMangled, isMangled } from '../../src/core/wechat/mangled-text';

describe('mangled text from upstream', () => {
  it('recognises the replacement character a UTF-8 decoder leaves for bytes that were not UTF-8', () => {
    expect(isMangled(Buffer.from([0xd4, 0xcf, 0x30, 0x31]).toString('utf8'))).toBe(true);
    expect(isMangled('韵达义乌网点01')).toBe(false);
  });

  it('refuses an account whose id or name is mangled as UPSTREAM_INVALID, naming the fields', () => {
    expect(() =>
      assertNotMangled('YUNDA/\uFFFD01', { deliveryId: 'YUNDA', bizId: '\uFFFD01', alias: '\uFFFD' }),
    ).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM_INVALID',
        message: expect.stringMatching(
          /^Not queried: the bizId and alias of YUNDA\/\uFFFD01 arrived as text that is not UTF-8/,
        ),
      }),
    );
    expect(() => assertNotMangled('YTO/xyz', { deliveryId: 'YTO', bizId: 'xyz' })).not.toThrow();
  });
});

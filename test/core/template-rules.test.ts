import { cutText, graphemes } from '../../src/core/graphemes';
import {
  TEMPLATE_KEY_TYPES,
  fitValue,
  templateKeyType,
  type TemplateKeyType,
} from '../../src/core/alerts/template-rules';

describe('templateKeyType', () => {
  it.each([
    ['thing1', 'thing'],
    ['character_string12', 'character_string'],
    ['phone_number3', 'phone_number'],
    ['car_number2', 'car_number'],
    ['amount4', 'amount'],
  ])('reads %s as %s', (key, type) => {
    expect(templateKeyType(key)).toBe(type);
  });

  it.each(['thing', 'Thing1', 'stuff1', 'number_x2'])('does not know %s', (key) => {
    expect(templateKeyType(key)).toBeUndefined();
  });
});

describe('fitValue: one valid and one invalid value per key type, as WeChat checks them', () => {
  const cases: Record<TemplateKeyType, [valid: string, invalid: string]> = {
    thing: ['中通快递 上海仓', ' '],
    number: ['12.5', '-3'],
    letter: ['ZTO', 'ZTO1'],
    symbol: ['#%', 'ab'],
    character_string: ['ZT-10086_a', '客户10086'],
    time: ['2019年10月1日 15:01', '3pm'],
    date: ['2019年10月1日', '昨天'],
    amount: ['¥12.50', '12元'],
    phone_number: ['+86-21-1234', '电话'],
    car_number: ['粤A12345', '粤A123456789'],
    name: ['张三', '张三 Zhang'],
    phrase: ['余额不足', 'low'],
  };

  it('covers every type', () => {
    expect(Object.keys(cases).sort()).toEqual([...TEMPLATE_KEY_TYPES].sort());
  });

  it.each(Object.entries(cases))('%s accepts %j and refuses the other', (type, [valid, invalid]) => {
    expect(fitValue(type as TemplateKeyType, valid)).toEqual({ ok: true, value: valid });
    expect(fitValue(type as TemplateKeyType, invalid)).toMatchObject({ ok: false, rule: expect.any(String) });
  });

  it('cuts free text to its limit instead of refusing it, and refuses an empty value', () => {
    expect(fitValue('thing', 'x'.repeat(30))).toEqual({ ok: true, value: 'x'.repeat(20) });
    expect(fitValue('character_string', 'A'.repeat(40))).toEqual({ ok: true, value: 'A'.repeat(32) });
    expect(fitValue('thing', '')).toEqual({ ok: false, rule: 'a value that is not empty' });
  });

  it('refuses over-long values of types that cannot be cut', () => {
    expect(fitValue('phrase', '余额不足提醒')).toMatchObject({ ok: false });
    expect(fitValue('number', '1'.repeat(33))).toMatchObject({ ok: false });
    expect(fitValue('amount', '¥12345678901')).toMatchObject({ ok: false });
  });
});

describe('cutText', () => {
  it('never splits an emoji, a flag or a surrogate pair', () => {
    const family = '👨‍👩‍👧';
    const text = `仓库${family}🇨🇳😀`;
    expect(graphemes(text)).toEqual(['仓', '库', family, '🇨🇳', '😀']);
    expect(cutText(text, 3)).toBe('仓库');
    expect(cutText(text, 8)).toBe(`仓库${family}`);
    expect(cutText(text, 9)).toBe(`仓库${family}🇨🇳`);
    expect(cutText('ab😀', 3)).toBe('ab😀');
    expect(cutText('ab😀', 2)).toBe('ab');
  });
});

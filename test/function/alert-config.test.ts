import {
  DEFAULT_ALERT_DATA,
  parseAlertConfig,
  readAlertConfig,
  readLowThreshold,
} from '../../src/function/alerts/settings';

describe('readAlertConfig', () => {
  it('has documented defaults, with alerts off', () => {
    expect(readAlertConfig({})).toEqual({
      lowThreshold: 100,
      templateId: undefined,
      data: DEFAULT_ALERT_DATA,
      repeatMs: 24 * 3_600_000,
      miniprogramState: 'formal',
      alertDays: 3,
    });
  });

  it('reads every variable', () => {
    expect(
      readAlertConfig({
        QUOTA_LOW_THRESHOLD: '50',
        QUOTA_ALERT_TEMPLATE_ID: ' tmpl-1 ',
        QUOTA_ALERT_DATA: '{"thing2":"{summary}","number5":"{count}","time7":"{time}"}',
        QUOTA_ALERT_REPEAT_HOURS: '72',
        QUOTA_ALERT_MINIPROGRAM_STATE: 'trial',
        QUOTA_ALERT_DAYS: '5',
      }),
    ).toEqual({
      lowThreshold: 50,
      templateId: 'tmpl-1',
      data: { thing2: '{summary}', number5: '{count}', time7: '{time}' },
      repeatMs: 72 * 3_600_000,
      miniprogramState: 'trial',
      alertDays: 5,
    });
  });

  it.each([
    [{ QUOTA_LOW_THRESHOLD: 'ten' }, 'QUOTA_LOW_THRESHOLD must be a whole number of at least 0, got "ten"'],
    [{ QUOTA_LOW_THRESHOLD: '-5' }, 'QUOTA_LOW_THRESHOLD must be a whole number'],
    [{ QUOTA_ALERT_REPEAT_HOURS: '0' }, 'QUOTA_ALERT_REPEAT_HOURS must be a whole number of at least 1'],
    [{ QUOTA_ALERT_DATA: '{thing1:1}' }, 'QUOTA_ALERT_DATA is not JSON'],
    [{ QUOTA_ALERT_DATA: '[]' }, 'must be a non-empty JSON object'],
    [{ QUOTA_ALERT_DATA: '{"Thing":"x"}' }, 'the key "Thing", whose type WeChat does not know'],
    [{ QUOTA_ALERT_DATA: '{"stuff1":"x"}' }, 'the key "stuff1", whose type WeChat does not know'],
    [{ QUOTA_ALERT_DATA: '{"thing1":5}' }, 'maps thing1 to something that is not text'],
    [{ QUOTA_ALERT_DATA: '{"thing1":"{balance}"}' }, 'uses {balance}; the placeholders are {count} {summary}'],
    [{ QUOTA_ALERT_MINIPROGRAM_STATE: 'prod' }, 'must be one of formal, trial, developer'],
  ])('refuses %j with CONFIG_INVALID saying %s', (env, message) => {
    expect(() => readAlertConfig(env)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(message) }),
    );
  });
});

describe('template data checked against each key type before anything is sent', () => {
  it.each([
    ['thing1', '{summary}'],
    ['number2', '{lowestQuota}'],
    ['number3', '{count}'],
    ['letter4', 'LOW'],
    ['symbol5', '!'],
    ['character_string6', '{deliveryId}-{quota}'],
    ['time7', '{time}'],
    ['date8', '{date}'],
    ['amount9', '¥{threshold}'],
    ['phone_number10', '400-{count}'],
    ['car_number11', '沪A12345'],
    ['name12', '物流助手'],
    ['phrase13', '余额不足'],
  ])('accepts %s mapped to %j', (key, template) => {
    expect(parseAlertConfig({ QUOTA_ALERT_DATA: JSON.stringify({ [key]: template }) })).toMatchObject({
      success: true,
    });
  });

  it.each([
    ['thing1', '', 'a value that is not empty'],
    ['number2', '{courier}', 'at most 32 digits'],
    ['number2', '-{quota}', 'no sign'],
    ['letter4', '{deliveryId}', 'Latin letters'],
    ['symbol5', '{count}', 'symbols'],
    ['character_string6', '{bizId}', 'no Chinese'],
    ['time7', '{date}', '24-hour time'],
    ['date8', 'soon', 'a date'],
    ['amount9', '{quota}', 'currency symbol'],
    ['phone_number10', '{account}', 'phone symbols'],
    ['car_number11', '{courier}', 'licence plate'],
    ['name12', '{account}', 'Chinese characters'],
    ['phrase13', '余额不足提醒', 'at most 5 Chinese characters'],
    ['phrase13', '{summary}', 'at most 5 Chinese characters'],
  ])('refuses %s mapped to %j, naming the key and the rule (%s)', (key, template, rule) => {
    const result = parseAlertConfig({ QUOTA_ALERT_DATA: JSON.stringify({ [key]: template }) });
    expect(result).toMatchObject({ success: false, variable: 'QUOTA_ALERT_DATA', error: { code: 'CONFIG_INVALID' } });
    if (!result.success)
      expect(result.error.message).toMatch(new RegExp(`maps ${key} to .*${rule.replace(/[()]/g, '\\$&')}`));
  });
});

describe('parseAlertConfig', () => {
  it('names the variable that is wrong instead of throwing', () => {
    expect(parseAlertConfig({ QUOTA_ALERT_REPEAT_HOURS: 'daily' })).toMatchObject({
      success: false,
      variable: 'QUOTA_ALERT_REPEAT_HOURS',
    });
  });
});

describe('readLowThreshold', () => {
  it('reads the one setting the page shares with the alerts', () => {
    expect(readLowThreshold({ QUOTA_LOW_THRESHOLD: '30', QUOTA_ALERT_DATA: 'oops' })).toBe(30);
    expect(() => readLowThreshold({ QUOTA_LOW_THRESHOLD: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

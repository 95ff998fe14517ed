import { DEFAULT_ALERT_DATA, readAlertConfig } from '../../src/function/alert-config';

describe('readAlertConfig', () => {
  it('has documented defaults, with alerts off', () => {
    expect(readAlertConfig({})).toEqual({ threshold: 100, templateId: undefined, data: DEFAULT_ALERT_DATA, repeatMs: 24 * 3_600_000, miniprogramState: 'formal' });
  });

  it('reads every variable', () => {
    expect(
      readAlertConfig({
        QUOTA_LOW_THRESHOLD: '50',
        QUOTA_ALERT_TEMPLATE_ID: ' tmpl-1 ',
        QUOTA_ALERT_DATA: '{"thing2":"{account}","number5":"{quota}","time7":"{time}"}',
        QUOTA_ALERT_REPEAT_HOURS: '72',
        QUOTA_ALERT_MINIPROGRAM_STATE: 'trial',
      }),
    ).toEqual({ threshold: 50, templateId: 'tmpl-1', data: { thing2: '{account}', number5: '{quota}', time7: '{time}' }, repeatMs: 72 * 3_600_000, miniprogramState: 'trial' });
  });

  it.each([
    [{ QUOTA_LOW_THRESHOLD: 'ten' }, 'QUOTA_LOW_THRESHOLD must be a whole number of at least 0, got "ten"'],
    [{ QUOTA_LOW_THRESHOLD: '-5' }, 'QUOTA_LOW_THRESHOLD must be a whole number'],
    [{ QUOTA_ALERT_REPEAT_HOURS: '0' }, 'QUOTA_ALERT_REPEAT_HOURS must be a whole number of at least 1'],
    [{ QUOTA_ALERT_DATA: '{thing1:1}' }, 'QUOTA_ALERT_DATA is not JSON'],
    [{ QUOTA_ALERT_DATA: '[]' }, 'must be a non-empty JSON object'],
    [{ QUOTA_ALERT_DATA: '{"Thing":"x"}' }, 'the key "Thing", which is not a template key'],
    [{ QUOTA_ALERT_DATA: '{"thing1":5}' }, 'maps thing1 to something that is not text'],
    [{ QUOTA_ALERT_DATA: '{"thing1":"{balance}"}' }, 'uses {balance}; the placeholders are {courier} {account}'],
    [{ QUOTA_ALERT_MINIPROGRAM_STATE: 'prod' }, 'must be one of formal, trial, developer'],
  ])('refuses %j with CONFIG_INVALID saying %s', (env, message) => {
    expect(() => readAlertConfig(env)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(message) }));
  });
});

import { EnvironmentError } from '../../src/cli/quota-target';
import { timerCallsPerDay } from '../../src/doctor/checks-api-quota';
import { templateKeys } from '../../src/doctor/checks-template';
import { runsPerDay } from '../../src/doctor/cron';
import { mergeEnv, parseEnvFile } from '../../src/doctor/env-file';
import { exitStatus, renderJson, renderText } from '../../src/doctor/render';
import { fail, ok, skip, unchecked } from '../../src/doctor/types';
import { ipInMessage } from '../../src/doctor/wechat';

describe('the timer cron', () => {
  it.each([
    ['0 */10 * * * * *', 144],
    ['0 0 * * * * *', 24],
    ['0 0 9 * * * *', 1],
    ['0 0,30 8-20 * * 1-5 *', 26],
    ['*/30 * * * * * *', 2_880],
  ])('%s runs %i times a day', (cron, runs) => {
    expect(runsPerDay(cron)).toBe(runs);
  });

  it.each(['0 */10 * * *', '0 L * * * * *', '0 70 * * * * *', ''])('cannot read %j', (cron) => {
    expect(runsPerDay(cron)).toBeUndefined();
  });

  it('counts quota/get as the function spends it: an account again once its balance is 48 minutes old', () => {
    // Every 10 minutes: each account every 5th run; hourly: every run.
    expect(timerCallsPerDay(144, 10)).toEqual({ quota: 288, accounts: 144 });
    expect(timerCallsPerDay(24, 10)).toEqual({ quota: 240, accounts: 24 });
  });
});

describe('the env file', () => {
  it('reads KEY=VALUE lines, comments, export, quotes and JSON values', () => {
    const text = [
      '\uFEFF# the function',
      '',
      'QUOTA_LOW_THRESHOLD = 50',
      'export WX_APPID=wx0123456789abcdef',
      'QUOTA_ALERT_DATA={"thing1":"{summary}","number2":"{lowestQuota}"}',
      "QUOTA_ALERT_TEMPLATE_ID='abc=def'",
      'EMPTY=',
    ].join('\r\n');
    expect(parseEnvFile(text, 'f.env')).toEqual({
      QUOTA_LOW_THRESHOLD: '50',
      WX_APPID: 'wx0123456789abcdef',
      QUOTA_ALERT_DATA: '{"thing1":"{summary}","number2":"{lowestQuota}"}',
      QUOTA_ALERT_TEMPLATE_ID: 'abc=def',
      EMPTY: '',
    });
  });

  it('names a bad line by its number, never its text (it may hold a secret)', () => {
    const parse = () => parseEnvFile('A=1\nWX_APPSECRET is s3cr3tValue\n', 'f.env');
    expect(parse).toThrow(EnvironmentError);
    expect(parse).toThrow('f.env line 2 is not KEY=VALUE');
    expect(parse).not.toThrow(/s3cr3t/);
  });

  it('lets a variable set in the environment win, unless it is empty', () => {
    expect(mergeEnv({ A: 'env', B: '', C: undefined }, { A: 'file', B: 'file', C: 'file', D: 'file' })).toEqual({
      A: 'env',
      B: 'file',
      C: 'file',
      D: 'file',
    });
  });
});

describe('reading WeChat', () => {
  it.each([
    ['invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 1-2-3', '1.2.3.4'],
    ['invalid ip 240e:3b7::1, not in whitelist', '240e:3b7::1'],
    ['access clientip is not registered requestIP: 203.0.113.9 rid: 6-7', '203.0.113.9'],
    ['not in whitelist', undefined],
  ])('the IP WeChat saw in %j', (errmsg, ip) => {
    expect(ipInMessage(errmsg)).toBe(ip);
  });

  it("reads a template's keys from its content", () => {
    expect(templateKeys('账号:{{thing1.DATA}}\n剩余:{{number2.DATA}}\n提示:{{ thing3.DATA }}')).toEqual([
      'thing1',
      'number2',
      'thing3',
    ]);
  });
});

describe('the verdict', () => {
  it('is 1 when anything is to fix, else 2 when something could not be checked, else 0', () => {
    expect(exitStatus([ok('a', 'x'), skip('b', 'alerts off')])).toBe(0);
    expect(exitStatus([ok('a', 'x'), unchecked('b', 'no network', 'retry')])).toBe(2);
    expect(exitStatus([fail('a', 'x', 'y'), unchecked('b', 'no network', 'retry')])).toBe(1);
  });

  it('prints marks, findings and fixes, and JSON without the internal mark', () => {
    const checks = [ok('a', 'good'), fail('b', 'bad', 'do this'), unchecked('c', 'unknown', 'retry')];
    expect(renderText(checks)).toBe(
      '✓ a: good\n✗ b: bad\n    fix: do this\n– c: unknown\n    fix: retry\n\ndoctor: 1 to fix, 1 could not be checked.\n',
    );
    expect(JSON.parse(renderJson(checks))).toEqual({
      ok: false,
      exit: 1,
      checks: [
        { id: 'a', status: 'ok', finding: 'good', fix: '' },
        { id: 'b', status: 'fail', finding: 'bad', fix: 'do this' },
        { id: 'c', status: 'skip', finding: 'unknown', fix: 'retry' },
      ],
    });
  });
});

import { readAccountRow, readCourierRow, snapshotTimeMs } from '../../src/core/wechat/account-rows';
import { readCourierReason } from '../../src/core/errors/courier-reason';
import { camelizeKeys } from '../../src/core/wechat/key-case';

const row = (fields: Record<string, unknown>) =>
  readAccountRow(camelizeKeys({ biz_id: 'xyz', delivery_id: 'YTO', status_code: 0, alias: '杭州仓', ...fields }), 2);

describe('readAccountRow', () => {
  it("reads WeChat's documented row, snapshot and time included", () => {
    expect(row({ quota_num: 55, quota_update_time: 1556594799 })).toEqual({
      deliveryId: 'YTO',
      bizId: 'xyz',
      alias: '杭州仓',
      statusCode: 0,
      snapshot: { quotaNum: 55, updatedAtMs: 1556594799000 },
    });
  });

  it.each([
    [{ status_code: 1.5 }, "getAllAccount's entry 3: status_code must be a whole number, got 1.5"],
    [{ biz_id: undefined }, "getAllAccount's entry 3: biz_id must be a non-empty string, got undefined"],
    [{ delivery_id: 7 }, "getAllAccount's entry 3: delivery_id must be a non-empty string, got 7"],
    [{ status_code: '0' }, 'status_code must be a whole number, got "0"'],
  ])('names the field of a row that cannot be queried: %p', (fields, problem) => {
    expect(row(fields).problem).toContain(problem);
  });

  it('keeps what it can read of a malformed row, and -1 for a status it cannot', () => {
    expect(row({ status_code: 1.5 })).toMatchObject({
      deliveryId: 'YTO',
      bizId: 'xyz',
      statusCode: -1,
      snapshot: undefined,
    });
    expect(readAccountRow('junk', 0)).toMatchObject({
      deliveryId: '',
      bizId: '',
      statusCode: -1,
      problem: expect.stringContaining('not an object'),
    });
  });

  it.each([
    [{ quota_num: { s: 1, e: 19, c: [1234] } }, "getAllAccount's quota_num must be a whole number"],
    [{ quota_num: -3 }, "getAllAccount's quota_num must not be negative, got -3"],
    [{ quota_num: 2.5 }, 'must be a whole number of waybills, got 2.5'],
  ])('keeps a row with an unusable snapshot queryable, saying why the snapshot is unusable: %p', (fields, problem) => {
    const read = row(fields);
    expect(read.problem).toBeUndefined();
    expect(read.snapshot).toBeUndefined();
    expect(read.snapshotProblem).toContain(problem);
  });

  it('reads a decimal-string snapshot as its number', () => {
    expect(row({ quota_num: '210' }).snapshot?.quotaNum).toBe(210);
  });

  it('names the number json-bigint made an object of', () => {
    const bigNumber = { s: 1, e: 19, c: [12345, 67890], toFixed: () => '12345678901234567890' };
    expect(row({ quota_num: bigNumber }).snapshotProblem).toContain('got a number too long to read exactly');
  });

  it('reads a non-text alias as empty rather than losing the account', () => {
    const read = row({ alias: 42 });
    expect(read.alias).toBe('');
    expect(read.problem).toBeUndefined();
  });
});

describe('snapshotTimeMs', () => {
  it.each([
    [1764288000, 1764288000000],
    [1764288000000, 1764288000000],
    [9e12, null],
    [1e300, null],
    [-1, null],
    [0, null],
    [Number.NaN, null],
    ['1764288000', null],
    [12, null],
  ])('reads %p as %p, never an invalid date', (value, expected) => {
    expect(snapshotTimeMs(value)).toBe(expected);
  });
});

describe('readCourierRow', () => {
  it('reads flags given as numbers, booleans or "0"/"1"', () => {
    const flags = [1, false, '1', undefined, null].map(
      (flag) => readCourierRow(camelizeKeys({ delivery_id: 'YTO', can_get_quota: flag }))?.canGetQuota,
    );
    expect(flags).toEqual([true, false, true, false, false]);
  });

  it('names the field of a courier entry it cannot read, and skips one without an id', () => {
    expect(readCourierRow({ deliveryId: 'YTO', canGetQuota: 'yes' })).toMatchObject({
      deliveryId: 'YTO',
      canGetQuota: false,
      problem: 'getAllDelivery\'s entry for YTO: can_get_quota must be 0, 1, true or false, got "yes"',
    });
    expect(readCourierRow({ deliveryName: 'x' })).toBeUndefined();
  });
});

describe('readCourierReason', () => {
  it('reads the courier code and words in either casing, bounded in length', () => {
    expect(
      readCourierReason({ delivery_resultcode: 10001, delivery_resultmsg: ' 客户编码或者月结账户不存在 ' }),
    ).toEqual({ code: '10001', message: '客户编码或者月结账户不存在' });
    expect(readCourierReason({ deliveryResultcode: '20008' })).toEqual({ code: '20008', message: '' });
    // Found by the row fuzzer: a float code printed in full was longer than any code.
    expect(readCourierReason({ delivery_resultcode: -9.3983491645584e-311 })?.code).toHaveLength(20);
    expect(readCourierReason({ delivery_resultmsg: 'x'.repeat(500) })?.message).toHaveLength(100);
    expect(readCourierReason({ errcode: 9300501 })).toBeUndefined();
  });
});

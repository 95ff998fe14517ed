import { QuotaError } from '../../src/core/errors/errors';
import { failedBeforeDelivery, maySendAgain, sendFailureKind } from '../../src/core/alerts/send-outcome';
import { toQuotaError } from '../../src/core/errors/to-quota-error';

const sdkError = (errCode: number, errMsg: string) => toQuotaError({ errCode, errMsg }, 'subscribeMessage.send');

describe('what a failed subscribe-message send proves', () => {
  it('a refused connection never reached WeChat: failed, and safe to send again', () => {
    const refused = sdkError(
      -501001,
      'openapi.subscribeMessage.send:fail -501001 resource system error. connect ECONNREFUSED 127.0.0.1:9',
    );
    expect([failedBeforeDelivery(refused), maySendAgain(refused), sendFailureKind(refused)]).toEqual([
      true,
      true,
      'failed',
    ]);
  });

  it.each([
    [
      'the SDK timing out',
      sdkError(-501001, 'openapi.subscribeMessage.send:fail -501001 resource system error. ESOCKETTIMEDOUT'),
    ],
    ['a dropped connection', sdkError(-501001, 'openapi.subscribeMessage.send:fail socket hang up')],
    ['system busy', sdkError(-1, 'openapi.subscribeMessage.send:fail system error')],
    ['a cloud timeout', sdkError(-604102, 'system error: error code: -604102')],
    ['an unreadable answer', sdkError(-601001, 'openapi.subscribeMessage.send:fail unknown wx response received')],
    [
      'abandonment at the deadline',
      new QuotaError(
        'UPSTREAM_UNAVAILABLE',
        "subscribeMessage.send did not answer before this call's time budget ran out.",
      ),
    ],
  ])('%s may hide a delivered message: unknown, never sent again', (_name, error) => {
    expect(maySendAgain(error)).toBe(false);
    expect(sendFailureKind(error)).toBe('unknown');
  });

  it.each([43101, 47003, 40003, 41030, 40037, 45009])(
    'WeChat refusing with %i is failed, not sent again',
    (errCode) => {
      const error = sdkError(errCode, `openapi.subscribeMessage.send:fail emulated ${errCode}`);
      expect([sendFailureKind(error), maySendAgain(error)]).toEqual(['failed', false]);
    },
  );

  it('the cloud refusing a missing permission is failed, and repeating it is pointless', () => {
    const error = sdkError(-604101, 'system error: error code: -604101');
    expect([sendFailureKind(error), maySendAgain(error)]).toEqual(['failed', false]);
  });

  it('the cloud over its own request limit never passed the message on: safe to repeat', () => {
    expect(maySendAgain(sdkError(-501003, 'over limit'))).toBe(true);
  });
});

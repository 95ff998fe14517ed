import { fetchAllAccounts } from '../../src/core/accounts/all-accounts';
import type { AllAccounts, SingleQuota } from '../../src/contract/answers';
import { failure, success } from '../../src/core/errors/envelope';
import { fetchQuota } from '../../src/core/wechat/single-quota';
import { toQuotaError } from '../../src/core/errors/to-quota-error';
import { REAL_ANSWER_SCENARIOS } from '../support/real-answers';
import { httpsHarness, type HttpsHarness } from './https-harness';

describe("WeChat's real answers over HTTPS, ending as on the cloud path", () => {
  let harness: HttpsHarness;
  beforeAll(async () => {
    harness = await httpsHarness();
  });
  afterEach(() => harness.model.clearFaults());
  afterAll(() => harness.close());

  it.each(REAL_ANSWER_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      scenario.faults.forEach((fault) => harness.model.addFault(fault));
      const context = harness.context();
      const query: Promise<SingleQuota | AllAccounts> =
        'all' in scenario.event ? fetchAllAccounts(context) : fetchQuota(context, scenario.event);
      scenario.check(
        await query.then(
          (data) => success(data),
          (error: unknown) => failure(toQuotaError(error)),
        ),
      );
    },
  );
});

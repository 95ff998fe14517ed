/**
 * @jest-environment jsdom
 */
import { answeredByFunction, renderPage } from './page-harness';

/** A document as the function writes it: no `_openid`. */
const FUNCTION_DOCUMENT = { _id: 'summary-3', accounts: {} };
const OWN_DOCUMENT = { _id: 'planted', _openid: 'oAdmin000000000000000000001' };

describe('the balances page, on who can read the stored history', () => {
  it('says in red which collections every user can read, and the one-line fix', async () => {
    const page = await renderPage(answeredByFunction(), {
      collections: { quota_history: [OWN_DOCUMENT, FUNCTION_DOCUMENT], quota_alerts: [FUNCTION_DOCUMENT] },
    });
    expect(page.text('.exposed')).toBe(
      '数据库集合 quota_history、quota_alerts 目前所有用户可读，余额历史和提醒记录可能被他人看到。' +
        '请管理员在 云开发控制台 → 数据库 → 权限设置 中改为「仅管理端可读写」。',
    );
  });

  it('says nothing when the collections are server-only, or show this user only its own documents', async () => {
    const answers: Array<Record<string, unknown[]>> = [{}, { quota_history: [OWN_DOCUMENT], quota_alerts: [] }];
    for (const collections of answers) {
      const page = await renderPage(answeredByFunction(), { collections });
      expect(page.all('.exposed')).toHaveLength(0);
      expect(page.readCollection.mock.calls.map(([name]) => name).sort()).toEqual(['quota_alerts', 'quota_history']);
    }
  });

  it('asks once per page, and only after the function answered (so only admins ask)', async () => {
    const page = await renderPage(answeredByFunction(), { collections: { quota_history: [FUNCTION_DOCUMENT] } });
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.readCollection).toHaveBeenCalledTimes(2);
    expect(page.text('.exposed')).toContain('quota_history ');

    const refused = await renderPage(answeredByFunction({ openId: 'oStranger0000000000000000001' }), {
      collections: { quota_history: [FUNCTION_DOCUMENT] },
    });
    expect(refused.readCollection).not.toHaveBeenCalled();
  });
});

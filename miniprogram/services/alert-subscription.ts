/** wx.requestSubscribeMessage in its promise form, injectable for tests. */
export type RequestSubscribe = (options: { tmplIds: string[] }) => Promise<Record<string, string>>;

export interface SubscribeOutcome {
  subscribed: boolean;
  text: string;
}

const ANSWERS: Record<string, SubscribeOutcome> = {
  accept: { subscribed: true, text: '已订阅：下次余额偏低时你会收到一条提醒。收到后请再次订阅，才能收到下一条。' },
  reject: { subscribed: false, text: '你没有同意订阅，将不会收到低余额提醒。' },
  ban: { subscribed: false, text: '这个提醒模板已被微信封禁：请管理员更换模板。' },
  filter: { subscribed: false, text: '这个提醒模板被微信过滤了（标题与其他模板重复）：请管理员更换模板。' },
};

/** Asks the user to accept the alert template; WeChat allows one message per acceptance. */
export async function subscribeAlerts(request: RequestSubscribe, templateId: string): Promise<SubscribeOutcome> {
  try {
    const answer = (await request({ tmplIds: [templateId] }))[templateId];
    return ANSWERS[answer ?? ''] ?? { subscribed: false, text: '订阅没有完成，请稍后再试。' };
  } catch (error) {
    console.error('requestSubscribeMessage failed', error);
    return { subscribed: false, text: '订阅失败：请在微信「我 → 设置 → 通知」中允许接收小程序的订阅消息后重试。' };
  }
}

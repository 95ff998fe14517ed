import type { EmulatedRobot } from '../../emulator/robots/robot-rules';
import type { WechatModel } from '../../emulator/wechat-model';

/** One robot of each kind, signed where the service signs, with a keyword rule on DingTalk. */
export const ROBOTS = {
  wecom: { kind: 'wecom', key: 'wecom-key-0000000000000001' },
  feishu: { kind: 'feishu', key: 'feishu-token-000000000001', secret: 'feishuSecret0001' },
  dingtalk: {
    kind: 'dingtalk',
    key: 'dingtalk-token-0000000001',
    secret: 'SECdingtalkSecret00000001',
    keywords: ['面单余额'],
  },
} as const satisfies Record<string, EmulatedRobot>;

/** The address (with its secret after "#") an admin pastes into QUOTA_ALERT_WEBHOOKS for a robot. */
export function webhookOf(robot: EmulatedRobot): string {
  const secret = robot.secret === undefined ? '' : `#${robot.secret}`;
  if (robot.kind === 'wecom') return `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${robot.key}`;
  if (robot.kind === 'feishu') return `https://open.feishu.cn/open-apis/bot/v2/hook/${robot.key}${secret}`;
  return `https://oapi.dingtalk.com/robot/send?access_token=${robot.key}${secret}`;
}

/** Every robot given, created in the model, and the variable that names them all. */
export function withRobots(model: WechatModel, robots: readonly EmulatedRobot[]): string {
  for (const robot of robots)
    model.robots.add({ ...robot, keywords: robot.keywords ? [...robot.keywords] : undefined });
  return robots.map(webhookOf).join(',');
}

/** Every secret of the robots: none may appear in an answer or a log. */
export function robotSecrets(robots: readonly EmulatedRobot[]): string[] {
  return robots.flatMap((robot) => [robot.key, ...(robot.secret ? [robot.secret] : [])]);
}

import type { SentMessageContent } from '../../emulator/wechat-model';

/**
 * The subscribe message an admin receives about low balances with the default template data: the accounts
 * (thing1), the lowest balance (number2) and the tip (thing3), opening the quota page.
 */
export function lowBalanceMessage(message: {
  touser: string;
  templateId: string;
  accounts: string;
  lowest: number;
  tip: string;
}): SentMessageContent {
  return {
    touser: message.touser,
    templateId: message.templateId,
    page: 'pages/quota/index',
    data: {
      thing1: { value: message.accounts },
      number2: { value: String(message.lowest) },
      thing3: { value: message.tip },
    },
  };
}

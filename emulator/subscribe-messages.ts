import { ALERT_PAGE } from '../src/contract/values';
import type { Arrival } from './invocation-ledger';
import { invalidValue } from './subscribe-values';

/** A subscribe-message template the merchant picked, with its keys (`thing1`, `number2`, …). */
export interface Template {
  id: string;
  keys: readonly string[];
  /** As the admin console names it, such as 余额不足提醒. */
  title?: string;
}

/** A message WeChat accepted, with when and from which invocation it arrived. */
export interface SentMessage extends Arrival {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  msgid: number;
}

/** The pages of the published version, where a `formal` message may lead; the product's page by default. */
export const DEFAULT_PUBLISHED_PAGES = [ALERT_PAGE];

type Refusal = { errcode: number; errmsg: string };

/**
 * WeChat's side of subscribe messages: the app's templates and users, each user's one-time
 * acceptances (one message each; they add up; no API tells how many are left), the published
 * version's pages, and every message it accepted.
 */
export class SubscribeMessages {
  readonly sent: SentMessage[] = [];
  private readonly templates = new Map<string, Template>();
  private readonly users = new Set<string>();
  private readonly acceptances = new Map<string, number>();
  private publishedPages = new Set(DEFAULT_PUBLISHED_PAGES);

  addTemplate(template: Template): void {
    this.templates.set(template.id, { ...template, keys: [...template.keys] });
  }

  /** The app's templates as `wxaapi/newtmpl/gettemplate` lists them: each key as `{{thing1.DATA}}` in `content`. */
  templateList(): Record<string, unknown> {
    return {
      data: [...this.templates.values()].map((template) => ({
        priTmplId: template.id,
        title: template.title ?? '余额不足提醒',
        content: template.keys.map((name) => `${name}:{{${name}.DATA}}\n`).join(''),
        example: '',
        type: 2,
      })),
    };
  }

  /** An OPENID of this app; one that never was (another app's) gets 40003. */
  addUser(openId: string): void {
    this.users.add(openId);
  }

  /** The user tapped "allow" for the template `times` times in wx.requestSubscribeMessage. */
  accept(openId: string, templateId: string, times = 1): void {
    this.addUser(openId);
    this.acceptances.set(key(openId, templateId), this.acceptancesLeft(openId, templateId) + times);
  }

  acceptancesLeft(openId: string, templateId: string): number {
    return this.acceptances.get(key(openId, templateId)) ?? 0;
  }

  setPublishedPages(pages: readonly string[]): void {
    this.publishedPages = new Set(pages);
  }

  /** Checks a send as WeChat does, in its order; records and consumes an acceptance when it passes. */
  send(params: Record<string, unknown>, arrival: Arrival): Refusal | { msgid: number } {
    const { touser, template_id: templateId, page, data, miniprogram_state: state } = params;
    if (typeof touser !== 'string' || !this.users.has(touser)) return { errcode: 40003, errmsg: 'invalid openid' };
    const template = typeof templateId === 'string' ? this.templates.get(templateId) : undefined;
    if (!template) return { errcode: 40037, errmsg: 'invalid template_id' };
    const miniprogramState = typeof state === 'string' && state !== '' ? state : 'formal';
    const path = typeof page === 'string' ? page.split('?')[0]! : '';
    if (miniprogramState === 'formal' && path !== '' && !this.publishedPages.has(path)) {
      return { errcode: 41030, errmsg: 'invalid page: page not in the published version' };
    }
    const invalid = invalidValue(template.keys, data);
    if (invalid) return { errcode: 47003, errmsg: invalid };
    const left = this.acceptancesLeft(touser, template.id);
    if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    this.acceptances.set(key(touser, template.id), left - 1);
    const msgid = this.sent.length + 1;
    this.sent.push({
      touser,
      templateId: template.id,
      page: typeof page === 'string' ? page : '',
      data: data as SentMessage['data'],
      miniprogramState,
      msgid,
      ...arrival,
    });
    return { msgid };
  }
}

function key(openId: string, templateId: string): string {
  return `${openId}\n${templateId}`;
}

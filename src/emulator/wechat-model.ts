import { modelStateSchema, type AccountState, type ModelState, type ModelStateInput } from './state';
import { CloudDatabase } from './cloud-database';
import { TokenIssuer, type AppCredentials } from './token-issuer';

/** The API name under which stable_token requests are recorded and can be given faults. */
export const STABLE_TOKEN_API = 'auth.stableToken';

export const EMULATED_CREDENTIALS: AppCredentials = { appId: 'wx00000000emulator', appSecret: 'emulator-app-secret-0123456789ab' };

export interface ModelOptions {
  /** The app's credentials for stable_token; EMULATED_CREDENTIALS by default. */
  credentials?: AppCredentials;
  /** Epoch milliseconds, for token expiry. */
  now?: () => number;
}

/** How a fault changes an answer. Latency may be combined with any of the others. */
export interface Fault {
  /** The open API it applies to, such as `logistics.getQuota`. */
  api: string;
  /** Restricts a getQuota fault to one account. */
  deliveryId?: string;
  bizId?: string;
  /** Restricts a subscribeMessage.send fault to one recipient. */
  touser?: string;
  /** How many matching calls it affects; unlimited when absent. */
  times?: number;
  latencyMs?: number;
  /** A WeChat business error in the answer body. */
  errcode?: number;
  errmsg?: string;
  /** A cloud platform error (CommOpenApiResp.errorCode), such as -604101. */
  platformErrorCode?: number;
  /** The connection is closed without an answer. */
  drop?: boolean;
  /** The answer is bytes that are not the expected encoding. */
  garbage?: boolean;
  /** The answer is well-formed but empty: no body at all. */
  empty?: boolean;
  /** The answer body WeChat sends instead of the real one, such as `{ quota_num: 'many' }`. */
  body?: Record<string, unknown>;
}

export type ModelAnswer =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'platform-error'; errorCode: number }
  | { kind: 'drop' }
  | { kind: 'garbage' }
  | { kind: 'empty' };

export interface SentMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export interface RecordedCall {
  api: string;
  /** The parameters as they arrived on the wire (snake_case). */
  params: Record<string, unknown>;
}

/**
 * One in-memory model of WeChat's Logistics Assistant: state, faults and a record of calls.
 * Every face of the emulator (in-process, cloud wire, HTTPS) answers from it, in snake_case as WeChat does.
 */
export class WechatModel {
  readonly calls: RecordedCall[] = [];
  readonly tokens: TokenIssuer;
  /** The cloud environment's database, which the function's alert memory uses. */
  readonly database = new CloudDatabase();
  private state: ModelState;
  private faults: Fault[] = [];

  constructor(state: ModelStateInput, options: ModelOptions = {}) {
    this.state = modelStateSchema.parse(state);
    this.tokens = new TokenIssuer(options.credentials ?? EMULATED_CREDENTIALS, options.now ?? Date.now);
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  setQuota(deliveryId: string, bizId: string, quotaNum: number): void {
    const account = this.findAccount(deliveryId, bizId);
    if (!account) throw new Error(`no account ${deliveryId}/${bizId} in the model`);
    account.quotaNum = quotaNum;
  }

  callsTo(api: string): RecordedCall[] {
    return this.calls.filter((call) => call.api === api);
  }

  /** Subscribe messages WeChat accepted, in order. */
  readonly sentMessages: SentMessage[] = [];

  /** Records the call and answers it once the fault's latency, if any, has passed on `sleep`. */
  async reply(api: string, params: Record<string, unknown>, sleep: (ms: number) => Promise<void> = realSleep): Promise<ModelAnswer> {
    const { answer, latencyMs } = this.answer(api, params);
    if (latencyMs > 0) await sleep(latencyMs);
    return answer;
  }

  /** Records the call and decides its answer, with the latency to apply before replying. */
  answer(api: string, params: Record<string, unknown>): { answer: ModelAnswer; latencyMs: number } {
    this.calls.push({ api, params });
    const fault = this.takeFault(api, params);
    const latencyMs = fault?.latencyMs ?? 0;
    if (fault?.drop) return { answer: { kind: 'drop' }, latencyMs };
    if (fault?.garbage) return { answer: { kind: 'garbage' }, latencyMs };
    if (fault?.empty) return { answer: { kind: 'empty' }, latencyMs };
    if (fault?.body) return { answer: { kind: 'json', body: fault.body }, latencyMs };
    if (fault?.platformErrorCode !== undefined) return { answer: { kind: 'platform-error', errorCode: fault.platformErrorCode }, latencyMs };
    if (fault?.errcode !== undefined) {
      return { answer: { kind: 'json', body: { errcode: fault.errcode, errmsg: fault.errmsg ?? `emulated error ${fault.errcode}` } }, latencyMs };
    }
    return { answer: { kind: 'json', body: this.respond(api, params) }, latencyMs };
  }

  private takeFault(api: string, params: Record<string, unknown>): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.api === api &&
        (candidate.deliveryId === undefined || candidate.deliveryId === params.delivery_id) &&
        (candidate.bizId === undefined || candidate.bizId === params.biz_id) &&
        (candidate.touser === undefined || candidate.touser === params.touser),
    );
    if (fault?.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }

  private respond(api: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (api) {
      case STABLE_TOKEN_API:
        return this.tokens.stableToken(params);
      case 'subscribeMessage.send':
        return this.sendSubscribeMessage(params);
      case 'logistics.getQuota':
        return this.getQuota(params);
      case 'logistics.getAllAccount':
        return ok({ count: this.state.accounts.length, list: this.state.accounts.map(accountRow) });
      case 'logistics.getAllDelivery':
        return ok({
          count: this.state.couriers.length,
          data: this.state.couriers.map((courier) => ({
            delivery_id: courier.deliveryId,
            delivery_name: courier.deliveryName,
            can_use_cash: courier.canUseCash ? 1 : 0,
            can_get_quota: courier.canGetQuota ? 1 : 0,
            service_type: [{ service_type: 1, service_name: '标准快递' }],
            cash_biz_id: '',
          })),
        });
      default:
        return { errcode: 48001, errmsg: `api unauthorized: ${api} is not emulated` };
    }
  }

  private getQuota(params: Record<string, unknown>): Record<string, unknown> {
    const { delivery_id: deliveryId, biz_id: bizId } = params;
    if (typeof deliveryId !== 'string' || typeof bizId !== 'string') return { errcode: 47001, errmsg: 'data format error' };
    const courier = this.state.couriers.find((candidate) => candidate.deliveryId === deliveryId);
    if (!courier) return { errcode: 9300503, errmsg: 'delivery_id not registered' };
    if (!courier.canGetQuota) return { errcode: 9300527, errmsg: 'delivery does not support quota' };
    const account = this.findAccount(deliveryId, bizId);
    if (!account || account.statusCode !== 0) return { errcode: 9300525, errmsg: 'bizid not bind' };
    return ok({ quota_num: account.quotaNum });
  }

  private sendSubscribeMessage(params: Record<string, unknown>): Record<string, unknown> {
    const { touser, template_id: templateId, page, data } = params;
    if (typeof touser !== 'string' || touser === '') return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof templateId !== 'string' || templateId === '') return { errcode: 40037, errmsg: 'invalid template_id' };
    if (typeof data !== 'object' || data === null) return { errcode: 47003, errmsg: 'argument invalid! data is empty' };
    this.sentMessages.push({ touser, templateId, page: typeof page === 'string' ? page : '', data: data as SentMessage['data'] });
    return ok({ msgid: this.sentMessages.length });
  }

  private findAccount(deliveryId: string, bizId: string): AccountState | undefined {
    return this.state.accounts.find((account) => account.deliveryId === deliveryId && account.bizId === bizId);
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function ok(body: Record<string, unknown>): Record<string, unknown> {
  return { errcode: 0, errmsg: 'ok', ...body };
}

function accountRow(account: AccountState): Record<string, unknown> {
  return {
    biz_id: account.bizId,
    delivery_id: account.deliveryId,
    create_time: 1_700_000_000,
    update_time: account.snapshotUpdateTime ?? 1_700_000_000,
    status_code: account.statusCode,
    alias: account.alias,
    remark_wrong_msg: '',
    remark_content: '',
    quota_num: account.snapshotQuotaNum ?? account.quotaNum,
    quota_update_time: account.snapshotUpdateTime ?? 1_700_000_000,
    service_type: [],
  };
}

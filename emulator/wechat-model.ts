import { ApiQuotas } from './api-quota';
import { GroupRobots } from './robots/group-robots';
import { modelStateSchema, type AccountState, type ModelState, type ModelStateInput } from './state';
import { CloudDatabase } from './cloud-database';
import { databaseQuery } from './database-query';
import { InvocationLedger, type Arrival } from './invocation-ledger';
import { SubscribeMessages } from './subscribe-messages';
import { TokenIssuer, type AppCredentials } from './token-issuer';
import { withRid, type AccountRowShape } from './wechat-answers';
import { OpenApiFaults, type Fault } from './open-api-fault';
import { faultAnswer, type ModelAnswer } from './model-answer';
import { allAccountsAnswer, allCouriersAnswer, getQuotaAnswer, ok } from './logistics-answers';

export type { Fault } from './open-api-fault';
export type { ModelAnswer } from './model-answer';

/** The API name under which stable_token requests are recorded and can be given faults. */
export const STABLE_TOKEN_API = 'auth.stableToken';
/** `GET /wxaapi/newtmpl/gettemplate`: the app's subscribe-message templates. */
export const TEMPLATE_LIST_API = 'wxaapi.newtmpl.getTemplate';
/** `POST /cgi-bin/openapi/quota/get`: an API's daily quota, used and remaining. */
export const API_QUOTA_API = 'openapi.quota.get';
/** `POST /tcb/databasequery`: a query of the cloud database, as the doctor reads the timer's heartbeat. */
export const DATABASE_QUERY_API = 'tcb.databaseQuery';

export const EMULATED_CREDENTIALS: AppCredentials = {
  appId: 'wx00000000emulator',
  appSecret: 'emulator-app-secret-0123456789ab',
};

export interface ModelOptions {
  /** The app's credentials for stable_token; EMULATED_CREDENTIALS by default. */
  credentials?: AppCredentials;
  /** Epoch milliseconds, for token expiry. */
  now?: () => number;
}

/** What tests long compared: a sent message without its arrival details. */
export interface SentMessageContent {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** A call WeChat received; calls through the cloud face also say when, and from which invocation. */
export interface RecordedCall extends Partial<Arrival> {
  api: string;
  /** The parameters as they arrived on the wire (snake_case). */
  params: Record<string, unknown>;
}

/** A request that comes from no invocation (in-process tests, the HTTPS face). */
const OUTSIDE: Omit<Arrival, 'arrivedAt'> = { afterAnswer: false, startedAfterAnswer: false };

/**
 * One in-memory model of WeChat's Logistics Assistant: state, faults and a record of calls.
 * Every face of the emulator (in-process, cloud wire, HTTPS) answers from it, in snake_case as WeChat does.
 */
export class WechatModel {
  readonly calls: RecordedCall[] = [];
  readonly tokens: TokenIssuer;
  /** Every invocation of the function's instances, to place each request before or after its answer. */
  readonly invocations: InvocationLedger;
  /** The cloud environment's database, which the function's alert memory uses. */
  readonly database: CloudDatabase;
  /** Templates, users, one-time acceptances, the published pages and every message WeChat accepted. */
  readonly subscriptions = new SubscribeMessages();
  /** The WeCom, Feishu and DingTalk group robots the alerts may post to. */
  readonly robots: GroupRobots;
  /** The daily API quota each logistics API has, and what was used of it. */
  readonly apiQuotas = new ApiQuotas();
  private state: ModelState;
  private readonly faults = new OpenApiFaults();
  private accountRowShape: AccountRowShape = 'documented';
  private readonly now: () => number;

  constructor(state: ModelStateInput, options: ModelOptions = {}) {
    this.state = modelStateSchema.parse(state);
    this.now = options.now ?? Date.now;
    this.tokens = new TokenIssuer(options.credentials ?? EMULATED_CREDENTIALS, this.now);
    this.invocations = new InvocationLedger(this.now);
    this.database = new CloudDatabase(this.now);
    this.robots = new GroupRobots(this.now);
  }

  /** Rows of getAllAccount as the field list documents them (with `service_type`), or exactly as the official sample. */
  setAccountRowShape(shape: AccountRowShape): void {
    this.accountRowShape = shape;
  }

  /** Requests that reached WeChat after the invocation that made them had answered: none, in a correct function. */
  callsAfterAnswer(): RecordedCall[] {
    return this.calls.filter((call) => call.afterAnswer === true);
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Clears the open-API faults and the database's. */
  clearFaults(): void {
    this.faults.clear();
    this.database.faults.clear();
  }

  setQuota(deliveryId: string, bizId: string, quotaNum: number): void {
    const account = this.findAccount(deliveryId, bizId);
    if (!account) throw new Error(`no account ${deliveryId}/${bizId} in the model`);
    account.quotaNum = quotaNum;
  }

  callsTo(api: string): RecordedCall[] {
    return this.calls.filter((call) => call.api === api);
  }

  /** Subscribe messages WeChat accepted, in order, without their arrival details (see `subscriptions.sent`). */
  get sentMessages(): SentMessageContent[] {
    return this.subscriptions.sent.map(({ touser, templateId, page, data }) => ({ touser, templateId, page, data }));
  }

  /** Records the call and answers it once the fault's latency, if any, has passed on `sleep`. */
  async reply(
    api: string,
    params: Record<string, unknown>,
    sleep: (ms: number) => Promise<void> = realSleep,
    arrival?: Arrival,
  ): Promise<ModelAnswer> {
    const { answer, latencyMs } = this.answer(api, params, arrival);
    if (latencyMs > 0) await sleep(latencyMs);
    return answer;
  }

  /** Records the call and decides its answer, with the latency to apply before replying. */
  answer(api: string, params: Record<string, unknown>, placed?: Arrival): { answer: ModelAnswer; latencyMs: number } {
    this.calls.push(placed ? { api, params, ...placed } : { api, params });
    const arrival = placed ?? { ...OUTSIDE, arrivedAt: this.now() };
    const fault = this.faults.take(api, params);
    const latencyMs = fault?.latencyMs ?? 0;
    const instead = faultAnswer(fault, this.now());
    if (instead) return { answer: instead, latencyMs };
    if (fault?.dropAfterProcessing) {
      this.respond(api, params, arrival);
      return { answer: { kind: 'drop' }, latencyMs };
    }
    const body = this.respond(api, params, arrival);
    const failed = typeof body.errcode === 'number' && body.errcode !== 0 && typeof body.errmsg === 'string';
    return {
      answer: { kind: 'json', body: failed ? { ...body, errmsg: withRid(body.errmsg as string, this.now()) } : body },
      latencyMs,
    };
  }

  private respond(api: string, params: Record<string, unknown>, arrival: Arrival): Record<string, unknown> {
    switch (api) {
      case STABLE_TOKEN_API:
        return this.tokens.stableToken(params);
      case 'subscribeMessage.send': {
        const outcome = this.subscriptions.send(params, arrival);
        return 'errcode' in outcome ? outcome : ok(outcome);
      }
      case 'logistics.getQuota':
        return getQuotaAnswer(this.state, params);
      case TEMPLATE_LIST_API:
        return ok(this.subscriptions.templateList());
      case API_QUOTA_API:
        return ok(this.apiQuotas.answer(params, (name) => this.callsTo(name).length));
      case DATABASE_QUERY_API:
        return databaseQuery(this.database, params);
      case 'logistics.getAllAccount':
        return allAccountsAnswer(this.state, this.accountRowShape);
      case 'logistics.getAllDelivery':
        return allCouriersAnswer(this.state);
      default:
        return { errcode: 48001, errmsg: `api unauthorized: ${api} is not emulated` };
    }
  }

  private findAccount(deliveryId: string, bizId: string): AccountState | undefined {
    return this.state.accounts.find((account) => account.deliveryId === deliveryId && account.bizId === bizId);
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

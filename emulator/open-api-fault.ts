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
  /** With a 9300501: the courier's own code and reason (`delivery_resultcode` / `delivery_resultmsg`). */
  deliveryResultCode?: number;
  deliveryResultMsg?: string;
  /** WeChat does the work (a send is delivered), then the connection closes before the answer. */
  dropAfterProcessing?: boolean;
}

/** The faults programmed for the open APIs, each taken by the first call it matches and counted down. */
export class OpenApiFaults {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  take(api: string, params: Record<string, unknown>): Fault | undefined {
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
}

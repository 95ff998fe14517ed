/** How an invocation ended, as the platform sees it. */
export type InvocationOutcome = 'answered' | 'threw' | 'timed out' | 'crashed';

export interface InvocationRecord {
  /** `<instance>.<n>`, e.g. `1.3`: the third invocation of the first instance. */
  id: string;
  instance: number;
  event: unknown;
  startedAt: number;
  /** When the platform had main's answer (or gave up on it); unset while it runs. */
  endedAt?: number;
  outcome?: InvocationOutcome;
  /** The invocation's cloud database traffic: requests, and the bytes of their bodies each way. */
  database: DatabaseTraffic;
}

/** Bytes as they cross the wire: what the function sends (queries and writes) and what it decodes. */
export interface DatabaseTraffic {
  calls: number;
  /** Bytes of the request bodies the function sent. */
  bytesSent: number;
  /** Bytes of the answers the function received (and the SDK decoded synchronously). */
  bytesReceived: number;
  /** Calls by wire action (`database.getDocument`, `database.modifyDocument`, …). */
  byAction: Record<string, number>;
}

/** Where a request reaching the cloud came from and when, relative to its invocation's answer. */
export interface Arrival {
  arrivedAt: number;
  /** The invocation whose code made the request; unset for requests from outside any invocation. */
  invocationId?: string;
  /** The request reached the cloud after its invocation had answered or timed out. */
  afterAnswer: boolean;
  /** The function's code started the request after its invocation had answered (seen from inside the instance). */
  startedAfterAnswer: boolean;
}

/**
 * Every invocation of every instance, shared by the instances and the model, so that each request
 * reaching WeChat can be placed before or after the answer of the invocation that made it.
 */
export class InvocationLedger {
  readonly records: InvocationRecord[] = [];
  private instances = 0;

  constructor(private readonly now: () => number = Date.now) {}

  nextInstance(): number {
    this.instances += 1;
    return this.instances;
  }

  begin(instance: number, sequence: number, event: unknown): InvocationRecord {
    const record: InvocationRecord = {
      id: `${instance}.${sequence}`,
      instance,
      event,
      startedAt: this.now(),
      database: { calls: 0, bytesSent: 0, bytesReceived: 0, byAction: {} },
    };
    this.records.push(record);
    return record;
  }

  end(id: string, outcome: InvocationOutcome): void {
    const record = this.find(id);
    if (record && record.endedAt === undefined) Object.assign(record, { endedAt: this.now(), outcome });
  }

  /** Counts one database request of an invocation (none when the request came from outside any). */
  countDatabase(invocationId: string | undefined, action: string, bytesSent: number, bytesReceived: number): void {
    const traffic = invocationId === undefined ? undefined : this.find(invocationId)?.database;
    if (!traffic) return;
    traffic.calls += 1;
    traffic.bytesSent += bytesSent;
    traffic.bytesReceived += bytesReceived;
    traffic.byAction[action] = (traffic.byAction[action] ?? 0) + 1;
  }

  find(id: string): InvocationRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  /** Places a request that arrives now, from the invocation tag the instance put on it. */
  arrival(tag: string | undefined): Arrival {
    const arrivedAt = this.now();
    const [invocationId, started] = (tag ?? '').split(';');
    if (!invocationId) return { arrivedAt, afterAnswer: false, startedAfterAnswer: false };
    const record = this.find(invocationId);
    return {
      arrivedAt,
      invocationId,
      afterAnswer: record?.endedAt !== undefined,
      startedAfterAnswer: started === 'after',
    };
  }
}

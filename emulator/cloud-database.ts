import { EJSON } from 'bson';
import { randomBytes } from 'node:crypto';
import { matches, UnsupportedQuery, type DbDocument } from './db-match';
import { storedCopy } from './db-copy';
import { DatabaseFaults } from './db-faults';
import { orderAndPage, project } from './db-read';
import { applyUpdate } from './db-update';
import type { Arrival } from './invocation-ledger';

type Document = DbDocument & { _id: string };
type Answer = Record<string, unknown>;

/** At most this many documents reach a cloud function per query (a mini-program gets 100). */
export const MAX_DOCUMENTS_PER_QUERY = 1000;
/** What a query without `limit` returns. */
export const DEFAULT_QUERY_LIMIT = 100;

/** The tcb gateway's answers, as wx-server-sdk maps them: -502005; errCode -1 with this text; -502001. */
const COLLECTION_MISSING = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'Db or Table not exist' };
export const COLLECTION_EXISTS = {
  code: 'DATABASE_COLLECTION_ALREADY_EXIST',
  message:
    '-501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST',
};
const duplicateId = (collection: string, id: string) => ({
  code: 'DATABASE_REQUEST_FAILED',
  message: `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`,
});

export interface DatabaseRequest extends Arrival {
  action: string;
  collection: string;
  params: Record<string, unknown>;
}

export interface DatabaseReply {
  /** The JSON body, unless the connection is dropped. */
  answer?: Answer;
  latencyMs: number;
}

/**
 * The cloud database of the environment, answering @cloudbase/database's JSON wire format
 * (`database.addCollection`, `getDocument`, `calculateDocument`, `insertDocument`,
 * `modifyDocument`, `removeDocument`) with its real limits, faults and latency like the open APIs.
 */
export class CloudDatabase {
  readonly collections = new Map<string, Map<string, Document>>();
  readonly requests: DatabaseRequest[] = [];
  readonly faults = new DatabaseFaults();

  /**
   * Whether `field({ "a.b": true })` keeps the nested field only (MongoDB's rule) or, as a database that
   * does not apply dotted paths would, the whole top-level field: the function must be right under both.
   */
  dottedProjection: 'nested' | 'whole-field' = 'nested';

  constructor(private readonly now: () => number = Date.now) {}

  createCollection(name: string): void {
    if (!this.collections.has(name)) this.collections.set(name, new Map());
  }

  /** Documents as a mini-program user would write them (with `_openid`), or as the server does without one. */
  plant(collection: string, documents: DbDocument[], options: { openid?: string } = {}): string[] {
    this.createCollection(collection);
    return documents.map((document) =>
      this.insert(collection, options.openid === undefined ? document : { ...document, _openid: options.openid }),
    );
  }

  documents(collection: string): Document[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  handle(
    action: string,
    params: Record<string, unknown>,
    arrival: Arrival = { arrivedAt: this.now(), afterAnswer: false, startedAfterAnswer: false },
  ): DatabaseReply {
    const collection = typeof params.collectionName === 'string' ? params.collectionName : '';
    this.requests.push({ action, collection, params, ...arrival });
    const fault = this.faults.take(action, collection);
    const latencyMs = fault?.latencyMs ?? 0;
    if (fault?.drop) return { latencyMs };
    if (fault?.code !== undefined)
      return {
        answer: { code: fault.code, message: fault.message ?? `emulated database error ${fault.code}` },
        latencyMs,
      };
    let answer: Answer;
    try {
      answer = this.perform(action, collection, params);
    } catch (error) {
      if (!(error instanceof UnsupportedQuery)) throw error;
      answer = { code: 'INVALID_PARAM', message: error.message };
    }
    return fault?.dropAfterProcessing ? { latencyMs } : { answer, latencyMs };
  }

  private perform(action: string, name: string, params: Record<string, unknown>): Answer {
    if (action === 'database.addCollection') {
      if (this.collections.has(name)) return COLLECTION_EXISTS;
      this.createCollection(name);
      return { data: {} };
    }
    const collection = this.collections.get(name);
    if (!collection) return COLLECTION_MISSING;
    const query = parse(params.query);
    const matching = () => [...collection.values()].filter((document) => matches(document, query));
    switch (action) {
      case 'database.getDocument': {
        const limit = Math.min(
          Number(params.limit ?? DEFAULT_QUERY_LIMIT) || DEFAULT_QUERY_LIMIT,
          MAX_DOCUMENTS_PER_QUERY,
        );
        const found = orderAndPage(matching(), parse(params.order), Number(params.offset ?? 0), limit).map((document) =>
          project(document, this.projectionAsApplied(parse(params.projection))),
        );
        return {
          data: { list: found.map((document) => EJSON.stringify(document)), limit, offset: Number(params.offset ?? 0) },
        };
      }
      case 'database.calculateDocument':
        return { data: { total: matching().length } };
      case 'database.insertDocument': {
        const documents = (Array.isArray(params.data) ? params.data : []).map((text) => parse(text) as DbDocument);
        const taken = documents.find((document) => typeof document._id === 'string' && collection.has(document._id));
        if (taken) return duplicateId(name, String(taken._id));
        return { data: { insertedIds: documents.map((document) => this.insert(name, document)) } };
      }
      case 'database.modifyDocument':
        return this.modify(collection, query, params);
      case 'database.removeDocument': {
        const doomed = params.multi === false ? matching().slice(0, 1) : matching();
        for (const document of doomed) collection.delete(document._id);
        return { data: { deleted: doomed.length } };
      }
      default:
        return { code: 'INVALID_ACTION', message: `${action} is not emulated` };
    }
  }

  private modify(collection: Map<string, Document>, query: unknown, params: Record<string, unknown>): Answer {
    const data = parse(params.data) as DbDocument;
    const found = [...collection.values()].filter((document) => matches(document, query));
    if (params.merge === false) {
      // doc(id).set(): replaces the document, or creates it.
      const id = String((query as { _id?: string | number })._id ?? newId());
      const existed = collection.has(id);
      collection.set(id, { ...data, _id: id });
      return { data: existed ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }
    let updated = 0;
    for (const document of params.multi === false ? found.slice(0, 1) : found) {
      const next = applyUpdate(document, data) as Document;
      if (EJSON.stringify(next) !== EJSON.stringify(document)) updated += 1;
      collection.set(document._id, next);
    }
    return { data: { updated } };
  }

  private projectionAsApplied(projection: unknown): unknown {
    if (this.dottedProjection === 'nested' || typeof projection !== 'object' || projection === null) return projection;
    return Object.fromEntries(Object.entries(projection).map(([path, flag]) => [path.split('.')[0], flag]));
  }

  private insert(name: string, document: DbDocument): string {
    const id = typeof document._id === 'string' ? document._id : newId();
    this.collections.get(name)?.set(id, { ...storedCopy(document), _id: id });
    return id;
  }
}

function parse(text: unknown): unknown {
  return typeof text === 'string' && text !== '' ? EJSON.parse(text, { relaxed: true }) : text;
}

/** Ids in the shape the cloud gives them: 32 hex digits. */
function newId(): string {
  return randomBytes(16).toString('hex');
}

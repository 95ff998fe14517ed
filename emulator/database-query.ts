import { EJSON } from 'bson';
import type { CloudDatabase } from './cloud-database';

/**
 * The one statement `tcb/databasequery` is answered for: a collection's documents of one `_id`, as
 * `npm run doctor` reads the timer's heartbeat. Quotes are double, as in WeChat's own example.
 */
const BY_ID = /^db\.collection\("([\w-]+)"\)\.where\(\{\s*_id\s*:\s*"([^"\\]+)"\s*\}\)\.limit\((\d+)\)\.get\(\)$/;

const COLLECTION_MISSING = -502005;

/**
 * `POST /tcb/databasequery` (WeChat's HTTPS API for the cloud database): `{ env, query }` in; out, the
 * matching documents, each a JSON string, and a pager. Answered from the model's database, through its
 * `database.getDocument` so that its faults apply; any other statement is refused, naming the one it reads.
 */
export function databaseQuery(database: CloudDatabase, params: Record<string, unknown>): Record<string, unknown> {
  const { env, query } = params;
  if (typeof env !== 'string' || env.trim() === '' || typeof query !== 'string' || query.trim() === '')
    return { errcode: 40101, errmsg: 'missing required parameter: env and query' };
  const match = BY_ID.exec(query.trim());
  if (!match)
    return {
      errcode: 40097,
      errmsg: 'invalid args: the emulator answers only db.collection("name").where({_id:"id"}).limit(n).get()',
    };
  const [, collectionName, id, limit] = match;
  const { answer } = database.handle('database.getDocument', {
    collectionName,
    query: EJSON.stringify({ _id: id }),
    limit: Number(limit),
  });
  if (answer === undefined) return { errcode: -1, errmsg: 'system error' };
  if (typeof answer.code === 'string')
    return {
      errcode: answer.code === 'DATABASE_COLLECTION_NOT_EXIST' ? COLLECTION_MISSING : -1,
      errmsg: `${answer.code}: ${String(answer.message)}`,
    };
  const found = answer.data as { list: string[]; limit: number; offset: number };
  return {
    errcode: 0,
    errmsg: 'ok',
    pager: { Offset: found.offset, Limit: found.limit, Total: found.list.length },
    data: found.list,
  };
}

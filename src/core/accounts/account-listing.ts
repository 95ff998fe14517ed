import { readAccountRow, readCourierRow, type AccountRow, type CourierRow } from '../wechat/account-rows';
import type { UnsupportedAccount } from '../../contract/answers';
import { accountAnswerSchema, deliveryAnswerSchema } from '../wechat/list-answers';
import { LogisticsApiName } from '../wechat/logistics';
import { callValidated, type CallContext } from '../wechat/openapi-call';

/** A listed account of a quota-capable courier, with what may be wrong with its row or its courier. */
export type Listed = { row: AccountRow; deliveryName: string; courierProblem?: string };

/**
 * The accounts getAllAccount lists, each once, split into those of a courier that reports a balance
 * (`listed`) and the others (`unsupported`), with getAllDelivery's names.
 */
export async function listAccounts(
  context: CallContext,
): Promise<{ listed: Listed[]; unsupported: UnsupportedAccount[] }> {
  const [accountAnswer, deliveryAnswer] = await Promise.all([
    callValidated(context, LogisticsApiName.getAllAccount, accountAnswerSchema, () => context.api.getAllAccount()),
    callValidated(context, LogisticsApiName.getAllDelivery, deliveryAnswerSchema, () => context.api.getAllDelivery()),
  ]);
  const couriers = readCouriers(deliveryAnswer.data, context);
  const listed: Listed[] = [];
  const unsupported: UnsupportedAccount[] = [];
  for (const row of uniqueAccounts(accountAnswer.list.map(readAccountRow), context)) {
    const courier = couriers.get(row.deliveryId);
    const names = {
      deliveryId: row.deliveryId,
      deliveryName: courier?.deliveryName ?? '',
      bizId: row.bizId,
      alias: row.alias,
    };
    if (row.problem === undefined && courier === undefined) unsupported.push({ ...names, reason: 'courier-unlisted' });
    else if (row.problem === undefined && courier?.problem === undefined && !courier?.canGetQuota)
      unsupported.push({ ...names, reason: 'no-quota' });
    else listed.push({ row, deliveryName: names.deliveryName, courierProblem: courier?.problem });
  }
  return { listed, unsupported };
}

/** The couriers by id; the first entry of a courier listed twice wins. */
function readCouriers(data: unknown[], context: CallContext): Map<string, CourierRow> {
  const couriers = new Map<string, CourierRow>();
  for (const raw of data) {
    const courier = readCourierRow(raw);
    if (courier === undefined) context.log.warn('getAllDelivery entry without a courier id ignored');
    else if (!couriers.has(courier.deliveryId)) couriers.set(courier.deliveryId, courier);
  }
  return couriers;
}

/**
 * One row per (deliveryId, bizId): WeChat has listed an account twice, and it must not show (or alert)
 * twice. A well-formed row beats a malformed one; otherwise the first wins. Rows without both ids cannot
 * be matched and are all kept.
 */
function uniqueAccounts(rows: AccountRow[], context: CallContext): AccountRow[] {
  const kept: Array<AccountRow | undefined> = [];
  const indexOf = new Map<string, number>();
  for (const row of rows) {
    if (row.deliveryId === '' || row.bizId === '') {
      kept.push(row);
      continue;
    }
    const key = JSON.stringify([row.deliveryId, row.bizId]);
    const earlier = indexOf.get(key);
    if (earlier === undefined) {
      indexOf.set(key, kept.push(row) - 1);
      continue;
    }
    context.log.warn('getAllAccount listed an account twice; shown once', {
      deliveryId: row.deliveryId,
      bizId: row.bizId,
    });
    if (kept[earlier]?.problem !== undefined && row.problem === undefined) kept[earlier] = row;
  }
  return kept.filter((row): row is AccountRow => row !== undefined);
}

import * as z from 'zod';
import { bizIdSchema, deliveryIdSchema } from '../src/core/accounts/params';

const UTF8_BOM = '\uFEFF';
const TOP_LEVEL_KEYS = ['couriers', 'accounts', 'history'];

/** A balance as exact JSON can carry it: anything past 2^53 would silently change on the way in. */
const exactInteger = z
  .number()
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1 (9007199254740991)');

/** A courier as getAllDelivery lists it. Ids follow the function's own rules, so the function can query them. */
export const courierStateSchema = z.strictObject({
  deliveryId: deliveryIdSchema,
  deliveryName: z.string(),
  canGetQuota: z.boolean(),
  canUseCash: z.boolean().default(false),
});

/** A bound account: its live balance, and the (possibly older) snapshot getAllAccount reports. */
export const accountStateSchema = z.strictObject({
  deliveryId: deliveryIdSchema,
  bizId: bizIdSchema,
  alias: z.string().default(''),
  /** 0 bound, 1 under review, 2 failed, 3 unbound. */
  statusCode: z.number().int().min(0).max(3).default(0),
  quotaNum: exactInteger,
  snapshotQuotaNum: exactInteger.optional(),
  /** Unix seconds of the snapshot. */
  snapshotUpdateTime: exactInteger.min(0).optional(),
});

/**
 * A stretch of balance history the timer would have left for an account: hourly readings for `days`,
 * falling `dailyUsage` a day to the account's balance now. Planted in the emulator's database by `npm start`.
 */
export const historyStateSchema = z.strictObject({
  deliveryId: deliveryIdSchema,
  bizId: bizIdSchema,
  days: z.number().int().min(1).max(35),
  dailyUsage: z.number().min(0).max(1_000_000),
});

export const modelStateSchema = z
  .strictObject({
    couriers: z.array(courierStateSchema),
    accounts: z.array(accountStateSchema),
    history: z.array(historyStateSchema).default([]),
  })
  .superRefine((state, context) => {
    // WeChat lists each courier and each account once; a repeat in a state file is a mistake.
    const seenCouriers = new Map<string, number>();
    state.couriers.forEach((courier, index) => {
      const first = seenCouriers.get(courier.deliveryId);
      if (first !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['couriers', index, 'deliveryId'],
          message: `repeats couriers.${first}: list each courier once`,
        });
      else seenCouriers.set(courier.deliveryId, index);
    });
    const seenAccounts = new Map<string, number>();
    state.accounts.forEach((account, index) => {
      const key = JSON.stringify([account.deliveryId, account.bizId]);
      const first = seenAccounts.get(key);
      if (first !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['accounts', index],
          message: `repeats accounts.${first}: list each account (deliveryId, bizId) once`,
        });
      else seenAccounts.set(key, index);
    });
    state.history.forEach((entry, index) => {
      if (!seenAccounts.has(JSON.stringify([entry.deliveryId, entry.bizId])))
        context.addIssue({
          code: 'custom',
          path: ['history', index],
          message: 'names no account of "accounts": history is kept for listed accounts only',
        });
    });
  });

export type CourierState = z.infer<typeof courierStateSchema>;
export type AccountState = z.infer<typeof accountStateSchema>;
export type ModelState = z.infer<typeof modelStateSchema>;
export type ModelStateInput = z.input<typeof modelStateSchema>;
export type HistoryState = z.infer<typeof historyStateSchema>;

/** `accounts.2.quotaNum (account YTO/xyz): …`: the account named by its ids, which is how people find it in the file. */
function describeStateIssues(error: z.ZodError, json: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
        const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
        const quoted = TOP_LEVEL_KEYS.map((key) => `"${key}"`);
        const known = `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
        return `unknown top-level key${issue.keys.length > 1 ? 's' : ''} ${keys}: a state has only ${known}`;
      }
      const [list, index] = issue.path.map(String);
      const entry =
        list !== undefined && index !== undefined
          ? (json as Record<string, unknown[]>)[list]?.[Number(index)]
          : undefined;
      const ids =
        typeof entry === 'object' && entry !== null
          ? [(entry as Record<string, unknown>).deliveryId, (entry as Record<string, unknown>).bizId]
          : [];
      const named = ids.filter((id) => typeof id === 'string').join('/');
      const path = issue.path.map(String).join('.');
      const kind = list === 'couriers' ? 'courier' : list === 'history' ? 'history of' : 'account';
      return `${path}${named ? ` (${kind} ${named})` : ''}: ${issue.message}`;
    })
    .join('; ');
}

/** Validates a state file's JSON, naming the bad field and the account it belongs to. */
export function parseModelState(json: unknown, source: string): ModelState {
  const result = modelStateSchema.safeParse(json);
  if (!result.success)
    throw new Error(`${source} is not a valid emulator state: ${describeStateIssues(result.error, json)}.`);
  return result.data;
}

/** A state file's text (a UTF-8 byte-order mark, as some Windows editors write, is accepted), validated. */
export function parseModelStateText(text: string, source: string): ModelState {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith(UTF8_BOM) ? text.slice(UTF8_BOM.length) : text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseModelState(json, source);
}

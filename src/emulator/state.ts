import * as z from 'zod';
import { describeIssues } from '../core/describe-issues';

/** A courier as getAllDelivery lists it. */
export const courierStateSchema = z.strictObject({
  deliveryId: z.string().min(1),
  deliveryName: z.string(),
  canGetQuota: z.boolean(),
  canUseCash: z.boolean().default(false),
});

/** A bound account: its live balance, and the (possibly older) snapshot getAllAccount reports. */
export const accountStateSchema = z.strictObject({
  deliveryId: z.string().min(1),
  bizId: z.string().min(1),
  alias: z.string().default(''),
  /** 0 bound, 1 under review, 2 failed, 3 unbound. */
  statusCode: z.number().int().min(0).max(3).default(0),
  quotaNum: z.number().int(),
  snapshotQuotaNum: z.number().int().optional(),
  /** Unix seconds of the snapshot. */
  snapshotUpdateTime: z.number().int().min(0).optional(),
});

export const modelStateSchema = z.strictObject({
  couriers: z.array(courierStateSchema),
  accounts: z.array(accountStateSchema),
});

export type CourierState = z.infer<typeof courierStateSchema>;
export type AccountState = z.infer<typeof accountStateSchema>;
export type ModelState = z.infer<typeof modelStateSchema>;
export type ModelStateInput = z.input<typeof modelStateSchema>;

/** Validates a state file's JSON, naming the bad field. */
export function parseModelState(json: unknown, source: string): ModelState {
  const result = modelStateSchema.safeParse(json);
  if (!result.success) throw new Error(`${source} is not a valid emulator state: ${describeIssues(result.error)}.`);
  return result.data;
}

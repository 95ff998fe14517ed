import * as z from 'zod';

/**
 * The lists' envelopes only: each row is read on its own (`account-rows.ts`), so that one malformed
 * row is reported on that row and never sinks the others. Apart from `upstream.ts`, which a
 * single-account query loads, so that such a query does not build them.
 */
export const deliveryAnswerSchema = z.object({ data: z.array(z.unknown()).default([]) });
export const accountAnswerSchema = z.object({ list: z.array(z.unknown()).default([]) });

export type DeliveryAnswer = z.infer<typeof deliveryAnswerSchema>;
export type AccountAnswer = z.infer<typeof accountAnswerSchema>;

import * as z from 'zod';
import { describeIssues } from '../../src/core/errors/describe-issues';

const CRON_FIELDS = 7;

const triggerSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'must start with a letter and contain only letters, digits, "_" or "-"'),
  type: z.literal('timer'),
  config: z
    .string()
    .refine(
      (cron) => cron.trim().split(/\s+/).length === CRON_FIELDS,
      'must be a 7-field cron: second minute hour day month weekday year',
    ),
});

/** The function's deployment config as WeChat reads it (no comments allowed in the JSON). */
export const deployConfigSchema = z.looseObject({
  permissions: z.strictObject({
    openapi: z
      .array(
        z
          .string()
          .regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, 'must name an open API as "namespace.method", such as "logistics.getQuota"'),
      )
      .refine((apis) => new Set(apis).size === apis.length, 'must not list an API twice'),
  }),
  triggers: z.array(triggerSchema).max(1, 'a cloud function takes at most one timer trigger').optional(),
});

export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Parses config.json text; throws an Error naming the file and the bad field. */
export function parseDeployConfig(text: string, file: string): DeployConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). WeChat reads it as plain JSON: no comments, no trailing commas.`,
      { cause: error },
    );
  }
  const result = deployConfigSchema.safeParse(json);
  if (!result.success)
    throw new Error(`${file} is not a valid cloud function config: ${describeIssues(result.error)}.`);
  return result.data;
}

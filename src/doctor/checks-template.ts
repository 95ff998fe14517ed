import * as z from 'zod';
import { parseAlertConfig } from '../function/alerts/settings';
import { fail, ok, skip, unchecked, type Check, type Env } from './types';
import { describeCallFailure, type DoctorWechat } from './wechat';

export const TEMPLATE_LIST_PATH = '/wxaapi/newtmpl/gettemplate';

const templateListSchema = z.object({
  data: z
    .array(z.object({ priTmplId: z.string(), title: z.string().default(''), content: z.string().default('') }))
    .default([]),
});

/** The keys a template's content fills, such as thing1 in `账号:{{thing1.DATA}}`. */
export function templateKeys(content: string): string[] {
  return [...content.matchAll(/\{\{\s*([A-Za-z_]+\d+)\.DATA\s*\}\}/g)].map((match) => match[1]!);
}

const ID = 'template';
const ALERTS_DOC = 'see docs/alerts.md';

/**
 * Check 4: the alert settings read as the function reads them (each QUOTA_ALERT_DATA text checked against
 * its key type's rules, parseAlertConfig), then the template: among the app's templates, with every key
 * QUOTA_ALERT_DATA fills and none it leaves empty (WeChat refuses either with 47003).
 */
export async function checkTemplate(env: Env, wechat: DoctorWechat | undefined): Promise<Check> {
  const parsed = parseAlertConfig(env);
  if (!parsed.success)
    return fail(
      ID,
      parsed.error.message.replace(/ Fix it in the cloud console.*$/, ''),
      `Fix ${parsed.variable} in the cloud console (getQuota → 版本与配置) and in the --function-env file; ${ALERTS_DOC}.`,
    );
  const { templateId, data } = parsed.config;
  if (templateId === undefined)
    return skip(
      ID,
      'QUOTA_ALERT_TEMPLATE_ID is not set: subscribe-message alerts are off',
      `To turn them on, pick a template and set QUOTA_ALERT_TEMPLATE_ID; ${ALERTS_DOC}.`,
    );
  if (wechat === undefined)
    return unchecked(
      ID,
      `QUOTA_ALERT_DATA fits its key types; whether template ${templateId} has those keys needs the credentials`,
      'Fix the credentials first.',
    );
  let templates: z.output<typeof templateListSchema>['data'];
  try {
    templates = (await wechat.call({ api: 'gettemplate', method: 'GET', path: TEMPLATE_LIST_PATH }, templateListSchema))
      .data;
  } catch (error) {
    const failure = describeCallFailure(error, 'gettemplate');
    return failure.unreachable ? unchecked(ID, failure.finding, failure.fix) : fail(ID, failure.finding, failure.fix);
  }
  const template = templates.find((candidate) => candidate.priTmplId === templateId);
  if (template === undefined) {
    const listed = templates.map((candidate) => `${candidate.priTmplId} (${candidate.title})`).join(', ');
    return fail(
      ID,
      `QUOTA_ALERT_TEMPLATE_ID ${templateId} is not among the app's ${templates.length} subscribe-message templates${listed ? `: ${listed}` : ''}`,
      'Copy the template id from the admin console (订阅消息 → 我的模板), or add the template there; every send answers 40037 until then.',
    );
  }
  const keys = templateKeys(template.content);
  const filled = Object.keys(data);
  const unknown = filled.filter((key) => !keys.includes(key));
  const empty = keys.filter((key) => !filled.includes(key));
  const where = `template ${templateId} (${template.title}) has ${keys.join(', ') || 'no keys'}`;
  if (unknown.length > 0 || empty.length > 0) {
    const problems = [
      ...(unknown.length ? [`QUOTA_ALERT_DATA fills ${unknown.join(', ')}, which it does not have`] : []),
      ...(empty.length ? [`QUOTA_ALERT_DATA leaves ${empty.join(', ')} empty`] : []),
    ];
    return fail(
      ID,
      `${where}; ${problems.join('; ')}: every send would answer 47003`,
      `Give QUOTA_ALERT_DATA exactly the template's keys, a text for each (such as ${JSON.stringify(Object.fromEntries(keys.map((key) => [key, data[key] ?? '…'])))}); ${ALERTS_DOC}.`,
    );
  }
  return ok(ID, `${where}; QUOTA_ALERT_DATA fills each with text its type accepts`);
}

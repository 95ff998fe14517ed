import type { Check, CheckStatus } from './types';

/** The doctor's exit statuses: all good, something to fix, could not check. */
export const DOCTOR_EXIT = { OK: 0, FIX: 1, UNCHECKED: 2 } as const;

const MARKS: Readonly<Record<CheckStatus, string>> = { ok: '✓', fail: '✗', skip: '–' };

/** 1 when anything is to fix, else 2 when something could not be checked, else 0. */
export function exitStatus(checks: readonly Check[]): number {
  if (checks.some((check) => check.status === 'fail')) return DOCTOR_EXIT.FIX;
  if (checks.some((check) => check.unchecked)) return DOCTOR_EXIT.UNCHECKED;
  return DOCTOR_EXIT.OK;
}

/** The checklist: a mark, the check's id and its finding on one line, the fix indented under it. */
export function renderText(checks: readonly Check[]): string {
  const lines = checks.flatMap((check) => [
    `${MARKS[check.status]} ${check.id}: ${check.finding}`,
    ...(check.fix ? [`    fix: ${check.fix}`] : []),
  ]);
  return `${lines.join('\n')}\n\n${summary(checks)}\n`;
}

function summary(checks: readonly Check[]): string {
  const failed = checks.filter((check) => check.status === 'fail').length;
  const notChecked = checks.filter((check) => check.unchecked).length;
  if (failed === 0 && notChecked === 0) return 'doctor: all good.';
  const parts = [
    ...(failed ? [`${failed} to fix`] : []),
    ...(notChecked ? [`${notChecked} could not be checked`] : []),
  ];
  return `doctor: ${parts.join(', ')}.`;
}

/** The --json document: the same checks, without the internal `unchecked` mark. */
export function renderJson(checks: readonly Check[]): string {
  const exit = exitStatus(checks);
  const document = {
    ok: exit === DOCTOR_EXIT.OK,
    exit,
    checks: checks.map(({ id, status, finding, fix }) => ({ id, status, finding, fix })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

import type * as z from 'zod';

const MAX_ISSUES = 3;

/** `deliveryId: expected string, received number; bizId: required`: the path first, so the field is named. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > MAX_ISSUES ? `; and ${error.issues.length - MAX_ISSUES} more` : '';
  return parts.join('; ') + more;
}

import { ErrorCode, QuotaError } from './errors';

import type { Forbidden } from './forbidden-reason';

export type { Forbidden, ForbiddenReason } from './forbidden-reason';

export function forbidden(detail: Forbidden, message: string): QuotaError {
  return new QuotaError(ErrorCode.FORBIDDEN, message, { forbidden: detail });
}

import { QuotaError } from './errors';
import { ErrorCode, type Forbidden } from '../../contract/errors';

export type { Forbidden, ForbiddenReason } from '../../contract/errors';

export function forbidden(detail: Forbidden, message: string): QuotaError {
  return new QuotaError(ErrorCode.FORBIDDEN, message, { forbidden: detail });
}

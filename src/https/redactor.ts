const MASK = '***';
/** Secrets shorter than this are not worth masking and would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;
/** Enough for fetch's TypeError → socket error chain; a cycle of causes would otherwise never end. */
const MAX_CAUSE_DEPTH = 4;

/** Masks known secrets (the app secret, every access token seen) and any access_token query value. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
  }

  redact(text: string): string {
    let result = text.replace(/(access_token=)[^&\s"']+/gi, `$1${MASK}`);
    for (const secret of this.secrets) result = result.split(secret).join(MASK);
    return result;
  }

  /** A parsed JSON answer with every string in it (keys too) masked: nothing read from it can carry a secret. */
  redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactValue(item)]));
  }

  /**
   * A copy of a thrown value fit to keep as a `cause`: same name and code, masked message, masked cause.
   * Transport errors may quote the URL (and its token) or the body they choked on.
   */
  redactError(error: unknown, depth = MAX_CAUSE_DEPTH): Error {
    const source = error instanceof Error ? error : new Error(String(error));
    const keepCause = source.cause !== undefined && depth > 1;
    const copy = new Error(
      this.redact(source.message),
      keepCause ? { cause: this.redactError(source.cause, depth - 1) } : undefined,
    );
    copy.name = source.name;
    const code = (source as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
    return copy;
  }
}

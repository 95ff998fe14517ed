const MASK = '***';
/** Secrets shorter than this are not worth masking and would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

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
}

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** Something an operator must fix (a misconfiguration, a refused trigger): alert rules key on this level. */
  error(message: string, fields?: LogFields): void;
}

/** One JSON object a line: the cloud console and log search read these as structured records. */
export function createJsonLogger(write: (line: string) => void): Logger {
  const emit = (level: string, message: string, fields?: LogFields) =>
    write(JSON.stringify({ level, message, ...fields }));
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The same log with `fields` added to every line, such as the account a call is about. */
export function withFields(log: Logger, fields: LogFields): Logger {
  return {
    info: (message, own) => log.info(message, { ...own, ...fields }),
    warn: (message, own) => log.warn(message, { ...own, ...fields }),
    error: (message, own) => log.error(message, { ...own, ...fields }),
  };
}

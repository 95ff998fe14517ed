import type { Readable } from 'node:stream';

/**
 * The runner writes this line, then the invocation's id, on stdout and on stderr just before each answer:
 * the answer travels over IPC and the logs over pipes, so an answer is handed over only once the lines
 * logged before it have arrived too.
 */
export const LOGS_WRITTEN_MARK = '#emulator: logs written before the answer to ';
const LOG_STREAMS = 2;
/** Never hold an answer longer than this for its log lines (a stream the function closed, say). */
const LOG_WAIT_LIMIT_MS = 1_000;

/** The lines an instance writes to stdout and stderr, and the answers waiting for the lines logged before them. */
export class InstanceLogs {
  readonly lines: string[] = [];
  /** How many streams have marked their logs written, by invocation; and answers waiting for that. */
  private readonly marks = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  constructor(private readonly onLog?: (line: string) => void) {}

  /** Whether an answer is still waiting for its logs (the instance must not freeze before they are flushed). */
  get holdingAnswers(): boolean {
    return this.waiting.size > 0;
  }

  read(streams: ReadonlyArray<Readable | null>): void {
    for (const stream of streams) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) this.take(line);
      });
    }
  }

  /** Delivers an answer once the logs written before it are in `lines`, or after the wait limit. */
  afterLogs(id: string, deliver: () => void): void {
    const once = () => {
      clearTimeout(limit);
      this.waiting.delete(id);
      this.marks.delete(id);
      deliver();
    };
    const limit = setTimeout(once, LOG_WAIT_LIMIT_MS);
    if ((this.marks.get(id) ?? 0) >= LOG_STREAMS) once();
    else this.waiting.set(id, once);
  }

  /** The process is gone: no more lines will come, so every waiting answer is delivered. */
  releaseAll(): void {
    for (const deliver of [...this.waiting.values()]) deliver();
  }

  private take(line: string): void {
    const mark = line.indexOf(LOGS_WRITTEN_MARK);
    const text = mark === -1 ? line : line.slice(0, mark);
    if (mark === -1 || text !== '') {
      this.lines.push(text);
      this.onLog?.(text);
    }
    if (mark !== -1) this.markWritten(line.slice(mark + LOGS_WRITTEN_MARK.length));
  }

  private markWritten(id: string): void {
    const streams = (this.marks.get(id) ?? 0) + 1;
    this.marks.set(id, streams);
    if (streams >= LOG_STREAMS) this.waiting.get(id)?.();
  }
}

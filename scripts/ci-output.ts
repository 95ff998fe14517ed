import { format } from 'node:util';

/** Network failures of the lookups miniprogram-ci tries on its own: an offline compile does not need them. */
const NETWORK_FAILURE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b(?: ([^\s,]+))?/;

/**
 * What to show of what miniprogram-ci printed while it compiled. When the compile failed, all of it:
 * it is what explains the failure. When it passed, its progress lines are left out, and its failed
 * network lookups (it asks servicewechat.com for a list it can do without) become one line saying so;
 * any other complaint is shown as it was.
 */
export function ciOutputToShow(lines: readonly string[], passed: boolean): string[] {
  if (!passed) return [...lines];
  const complaints = lines.filter((line) => /^\[?(error|warn)/i.test(line.trim()));
  const offline = complaints.filter((line) => NETWORK_FAILURE.test(line));
  const failures = offline.map((line) => NETWORK_FAILURE.exec(line)!);
  const hosts = [...new Set(failures.map((failure) => failure[2]).filter(Boolean))];
  const codes = [...new Set(failures.map((failure) => failure[1]))];
  return [
    ...complaints.filter((line) => !NETWORK_FAILURE.test(line)),
    ...(offline.length > 0
      ? [
          `miniprogram-ci could not reach ${hosts.join(', ') || 'WeChat'} (${codes.join(', ')}) for a lookup ` +
            'the offline compile does without; its error lines are left out.',
        ]
      : []),
  ];
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs `work` with everything written through `console` collected instead of printed (miniprogram-ci
 * reports its progress and its failed lookups there), and passes the lines to `show` afterwards, said
 * as ciOutputToShow decides, whether `work` passed or failed.
 */
export async function withQuietCi<T>(work: () => Promise<T>, show: (line: string) => void): Promise<T> {
  const saved = { ...console };
  const lines: string[] = [];
  for (const method of CONSOLE_METHODS)
    console[method] = (...args: unknown[]) => lines.push(...format(...args).split('\n'));
  let passed = false;
  try {
    const value = await work();
    passed = true;
    return value;
  } finally {
    Object.assign(console, saved);
    ciOutputToShow(lines, passed).forEach(show);
  }
}

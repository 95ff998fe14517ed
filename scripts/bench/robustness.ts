import { runFaultMatrix } from '../../emulator/drills/fault-matrix';
import { runLoad } from '../../emulator/drills/load-run';
import { kib, table } from './stats';

export async function faultMatrixMarkdown(functionDir: string): Promise<string> {
  const rows = await runFaultMatrix(functionDir);
  return table(
    ['fault', 'family', 'envelope code', 'errCode', 'getQuota calls', 'retried', 'time', 'under 3 s', 'leaked'],
    rows.map((row) => [
      row.name,
      row.family,
      row.code,
      row.errCode === undefined ? '—' : String(row.errCode),
      String(row.calls),
      row.retried ? 'yes' : 'no',
      `${row.ms} ms`,
      row.withinTimeout ? 'yes' : 'NO',
      row.leaks.length === 0 ? 'nothing' : row.leaks.join(', '),
    ]),
  );
}

export async function loadMarkdown(functionDir: string, count: number): Promise<string> {
  const result = await runLoad(functionDir, count);
  return table(
    [
      'concurrent invocations',
      'answered correctly',
      'valid ones answered live',
      'back-end calls',
      'wall time',
      'function peak RSS',
      'unhandled rejections',
    ],
    [
      [
        String(result.invocations),
        String(result.answeredCorrectly),
        `${result.answeredLive} / ${Math.ceil(result.invocations / 2)}`,
        String(result.backendCalls),
        `${result.ms} ms`,
        result.peakRssBytes === undefined ? 'n/a' : kib(result.peakRssBytes),
        String(result.unhandledRejections.length),
      ],
    ],
  );
}

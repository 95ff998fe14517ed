import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureColdStart } from './scripts/bench/cold-start';
(async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const r = await measureColdStart('/work/main', '/work/main/cloudfunctions/getQuota', work, 11);
  console.log(r.markdown);
})();

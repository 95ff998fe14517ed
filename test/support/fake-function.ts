import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const NODE_MODULES = path.resolve(__dirname, '../../node_modules');

/** `require(...)` of a package from this repository's node_modules, for a function folder in /tmp. */
export const requireFromRepo = (name: string): string => `require(${JSON.stringify(path.join(NODE_MODULES, name))})`;

/**
 * A tiny deployable folder (index.js and config.json), so that runtime and cloud tests exercise the
 * emulator and the real SDKs rather than our bundle. Remove them all with `cleanup`.
 */
export function fakeFunctions() {
  const dirs: string[] = [];
  return {
    async create(source: string, openapi: string[] = ['logistics.getQuota']): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-fn-'));
      dirs.push(dir);
      await writeFile(path.join(dir, 'index.js'), source);
      await writeFile(path.join(dir, 'config.json'), JSON.stringify({ permissions: { openapi } }));
      return dir;
    },
    cleanup: () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))),
  };
}

/**
 * A function that runs the snippet in `event.code` with the real wx-server-sdk's `cloud`, `db` and
 * `_` (db.command), answering `{ value }` or the SDK's error as `{ errCode, errMsg }`.
 */
export const SDK_SCRIPT_FUNCTION = `
const cloud = ${requireFromRepo('wx-server-sdk')};
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const AsyncFunction = (async () => {}).constructor;
exports.main = async (event) => {
  const db = cloud.database();
  try {
    return { value: await new AsyncFunction('cloud', 'db', '_', event.code)(cloud, db, db.command) };
  } catch (error) {
    return { errCode: error && error.errCode, errMsg: String((error && (error.errMsg || error.message)) || error) };
  }
};
`;

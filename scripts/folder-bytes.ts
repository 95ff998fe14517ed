import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The bytes of every file under `dir` (a file's own size when `dir` is a file). */
export async function folderBytes(dir: string, skipNodeModules = false): Promise<number> {
  const info = await stat(dir);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skipNodeModules && entry.isDirectory() && entry.name === 'node_modules') continue;
    total += await folderBytes(path.join(dir, entry.name), skipNodeModules);
  }
  return total;
}

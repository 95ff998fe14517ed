import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtFunctionDir, emulatorNode } from '../support/built-function';

const run = promisify(execFile);

/** A local HTTP server that answers each GET with its own name and the path asked for. */
async function server(name: string): Promise<{ server: Server; url: string }> {
  const listening = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ server: name, path: request.url }));
  });
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { server: listening, url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
}

/**
 * Loads the bundle's lazy/axios.js on the runtime the suites play (EMULATOR_NODE, else this Node) and makes the
 * node SDK's metadata GET, and a GET with an absolute URL on a client whose base URL must be kept.
 */
const PROBE = `
const axios = require(process.argv[1]);
const [metadata, elsewhere] = process.argv.slice(2);
(async () => {
  const plain = await axios.get(metadata + '/latest/meta-data/app-id', { timeout: 2000 });
  const kept = await axios.create({ baseURL: metadata, allowAbsoluteUrls: false }).get(elsewhere + '/latest');
  process.stdout.write(JSON.stringify({ version: axios.VERSION, plain: [plain.status, plain.data], kept: kept.data }));
})();
`;

describe('the axios the function bundles (lazy/axios.js, for the node SDK’s metadata look-up)', () => {
  let metadata: { server: Server; url: string };
  let elsewhere: { server: Server; url: string };
  beforeAll(async () => {
    metadata = await server('metadata');
    elsewhere = await server('elsewhere');
  });
  afterAll(() => {
    metadata.server.close();
    elsewhere.server.close();
  });

  it('is 0.30.3, past GHSA-jr5f-v2jv-69x6 and GHSA-4hjh-wcwx-xvwj, and works on this runtime as the SDK uses it', async () => {
    const node = emulatorNode() ?? process.execPath;
    const lazyAxios = path.join(builtFunctionDir(), 'lazy', 'axios.js');
    const { stdout } = await run(node, ['-e', PROBE, lazyAxios, metadata.url, elsewhere.url], { timeout: 10_000 });
    expect(JSON.parse(stdout)).toEqual({
      version: '0.30.3',
      plain: [200, { server: 'metadata', path: '/latest/meta-data/app-id' }],
      // The fix of GHSA-jr5f-v2jv-69x6: refused, an absolute URL is a path under the base URL, not another server.
      kept: { server: 'metadata', path: `/${elsewhere.url}/latest` },
    });
  });
});

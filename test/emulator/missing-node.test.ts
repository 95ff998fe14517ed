import { startEmulator } from '../../emulator/emulator';
import { builtFunctionDir } from '../support/built-function';

describe('startEmulator with a Node binary that does not exist', () => {
  it('rejects with an error naming the binary and EMULATOR_NODE, and the process lives on', async () => {
    await expect(
      startEmulator({ functionDir: builtFunctionDir(), nodePath: '/nonexistent/node16/bin/node' }),
    ).rejects.toThrow(
      /cannot start the function's Node binary \/nonexistent\/node16\/bin\/node: .*ENOENT.*Check EMULATOR_NODE/,
    );
  });
});

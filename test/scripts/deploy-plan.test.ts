import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describePlan, readDeploySettings } from '../../scripts/deploy-plan';

describe('readDeploySettings', () => {
  it('names every missing variable at once, and that --dry-run needs none', () => {
    expect(() => readDeploySettings({})).toThrow(
      /WX_APPID is not set.*WX_CLOUD_ENV is not set.*WX_PRIVATE_KEY_PATH is not set.*--dry-run needs none of them/,
    );
  });

  it('refuses a key path that does not exist and an appid of the wrong form', () => {
    expect(() =>
      readDeploySettings({ WX_APPID: 'my-app', WX_CLOUD_ENV: 'env-1', WX_PRIVATE_KEY_PATH: '/no/such/key' }),
    ).toThrow(/\/no\/such\/key, which does not exist.*"my-app" does not look like an appid/);
  });

  it('refuses a folder, or a file that is not a PEM private key, as the key, without saying what it holds', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'key-'));
    const garbage = path.join(dir, 'private.key');
    await writeFile(garbage, 'SECRET-LOOKING-GARBAGE');
    const settings = (key: string) => () =>
      readDeploySettings({ WX_APPID: 'wx0123456789abcdef', WX_CLOUD_ENV: 'env-1', WX_PRIVATE_KEY_PATH: key });
    expect(settings(dir)).toThrow(`WX_PRIVATE_KEY_PATH points at ${dir}, which is a folder: give the code upload key`);
    expect(settings(garbage)).toThrow(
      `WX_PRIVATE_KEY_PATH points at ${garbage}, which is not a PEM private key file ("-----BEGIN … PRIVATE KEY-----")`,
    );
    expect(settings(garbage)).not.toThrow(/SECRET-LOOKING-GARBAGE/);
    await writeFile(garbage, '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n');
    expect(settings(garbage)).toThrow(/which is not a PEM private key file/);
  });

  it('reads complete settings', async () => {
    const key = path.join(await mkdtemp(path.join(os.tmpdir(), 'key-')), 'private.key');
    await writeFile(key, '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n');
    expect(
      readDeploySettings({ WX_APPID: 'wx0123456789abcdef', WX_CLOUD_ENV: ' env-1 ', WX_PRIVATE_KEY_PATH: key }),
    ).toEqual({ appId: 'wx0123456789abcdef', envId: 'env-1', privateKeyPath: key });
  });
});

describe('describePlan', () => {
  it('lists the files, permissions and trigger that would be uploaded', () => {
    const text = describePlan({
      functionName: 'getQuota',
      functionDir: 'cloudfunctions/getQuota',
      files: [
        { name: 'index.js', bytes: 2048 },
        { name: 'config.json', bytes: 512 },
      ],
      permissions: ['logistics.getQuota'],
      trigger: { name: 'daily', type: 'timer', config: '0 0 9 * * * *' },
      envId: 'env-1',
    });
    expect(text).toBe(
      [
        'Cloud function getQuota from cloudfunctions/getQuota to environment env-1:',
        '  index.js  2.0 KiB',
        '  config.json  0.5 KiB',
        '  total 2.5 KiB; nothing installed in the cloud (remoteNpmInstall: false)',
        'Open-API permissions: logistics.getQuota',
        'Timer trigger daily: 0 0 9 * * * *',
      ].join('\n'),
    );
  });
});

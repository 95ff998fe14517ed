import { parseDeployConfig } from '../../scripts/build/deploy-config';

const valid = { permissions: { openapi: ['logistics.getQuota'] } };

describe('parseDeployConfig', () => {
  it('accepts permissions and one 7-field timer trigger', () => {
    const config = { ...valid, triggers: [{ name: 'daily', type: 'timer', config: '0 0 9 * * * *' }] };
    expect(parseDeployConfig(JSON.stringify(config), 'config.json')).toEqual(config);
  });

  it.each([
    ['{ "permissions": { "openapi": [] }, // note\n }', 'config.json is not valid JSON'],
    [JSON.stringify({}), 'permissions'],
    [JSON.stringify({ permissions: { openapi: ['getQuota'] } }), 'permissions.openapi.0: must name an open API'],
    [
      JSON.stringify({ permissions: { openapi: ['logistics.getQuota', 'logistics.getQuota'] } }),
      'must not list an API twice',
    ],
    [
      JSON.stringify({ ...valid, triggers: [{ name: 'daily', type: 'timer', config: '0 9 * * *' }] }),
      'triggers.0.config: must be a 7-field cron',
    ],
    [
      JSON.stringify({
        ...valid,
        triggers: [1, 2].map((n) => ({ name: `t${n}`, type: 'timer', config: '0 0 9 * * * *' })),
      }),
      'at most one timer trigger',
    ],
  ])('rejects %s naming %s', (text, named) => {
    expect(() => parseDeployConfig(text, 'config.json')).toThrow(named);
  });
});

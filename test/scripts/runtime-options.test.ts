import { codeCacheRuntimes } from '../../scripts/build/code-cache/runtime-options';

describe('the code cache options of npm run build and npm run deploy', () => {
  it('build a cache for the Node running the build when none is given', () => {
    expect(codeCacheRuntimes({}, '/unused')).toEqual([{ node: process.execPath }]);
  });

  it.each([
    [{ 'code-cache-for': '16.13' }, '--code-cache-for: 16.13 is not an exact Node version such as 16.13.2'],
    [{ 'code-cache-for': ' , ' }, '--code-cache-for needs an exact Node version such as 16.13.2'],
    [{ 'code-cache-flags': '--max-old-space-size=200' }, '--code-cache-flags are for the caches of --code-cache-for'],
  ])('refuses %j before anything is downloaded', (values, message) => {
    expect(() => codeCacheRuntimes(values, '/unused')).toThrow(message);
  });
});

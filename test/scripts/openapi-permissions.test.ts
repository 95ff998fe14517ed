import { comparePermissions, scanOpenApiCalls } from '../../scripts/build/openapi-permissions';

describe('scanOpenApiCalls', () => {
  it('finds calls written as openapi.<namespace>.<method>(', () => {
    const source = `
      const a = () => openapi.logistics.getQuota(params);
      const b = () => openapi.logistics.getAllAccount ();
      const c = () => openapi.subscribeMessage.send({});`;
    expect(scanOpenApiCalls(source, 'f.ts')).toEqual({
      calls: ['logistics.getAllAccount', 'logistics.getQuota', 'subscribeMessage.send'],
      problems: [],
    });
  });

  it('ignores calls mentioned only in comments', () => {
    expect(
      scanOpenApiCalls('// openapi.logistics.addOrder(x)\n/* openapi.logistics.getPath( */', 'f.ts').calls,
    ).toEqual([]);
  });

  it('flags access it cannot follow, with file and line', () => {
    const source = 'const ok = 1;\nconst l = openapi.logistics;\nopenapi["logistics"].getQuota();';
    expect(scanOpenApiCalls(source, 'src/x.ts').problems).toEqual([
      expect.stringMatching(/^src\/x\.ts:2: open APIs must be called as openapi/),
      expect.stringMatching(/^src\/x\.ts:3: /),
    ]);
  });

  it('does not mistake the cast or the type for a call', () => {
    expect(scanOpenApiCalls('const openapi = cloud.openapi as CloudOpenApi;', 'f.ts')).toEqual({
      calls: [],
      problems: [],
    });
  });
});

describe('comparePermissions', () => {
  it('passes when the code calls exactly what is declared', () => {
    expect(comparePermissions(['logistics.getQuota'], ['logistics.getQuota'])).toEqual([]);
  });

  it('names an API called but not declared, and the -604101 it would cause', () => {
    expect(comparePermissions(['logistics.getQuota', 'logistics.getAllAccount'], ['logistics.getQuota'])).toEqual([
      expect.stringMatching(/calls logistics\.getAllAccount but config\.json does not declare it.*-604101/),
    ]);
  });

  it('names an API declared but never called', () => {
    expect(comparePermissions([], ['logistics.addOrder'])).toEqual([
      expect.stringContaining('declares logistics.addOrder but the code never calls it'),
    ]);
  });
});

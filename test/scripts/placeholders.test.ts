import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deployBlockers, describePlaceholder, findPlaceholders, readProjectSettings } from '../../scripts/placeholders';

const ROOT = path.resolve(__dirname, '../..');
const PROJECT_CONFIG =
  '{\n  "description": "x",\n  "appid": "wx0000000000000000",\n  "compileType": "miniprogram"\n}\n';
const MINIPROGRAM_CONFIG = "/** The environment. */\nexport const CLOUD_ENV_ID = 'your-cloud-env-id';\n";
const YOURS = {
  projectConfig: PROJECT_CONFIG.replace('wx0000000000000000', 'wx1234567890abcdef'),
  miniprogramConfig: MINIPROGRAM_CONFIG.replace('your-cloud-env-id', 'prod-4g7x2'),
};

describe('the placeholders a new project must replace', () => {
  it('are found with the file and line to change', () => {
    expect(
      findPlaceholders({ projectConfig: PROJECT_CONFIG, miniprogramConfig: MINIPROGRAM_CONFIG }).map(
        describePlaceholder,
      ),
    ).toEqual([
      'project.config.json:3: appid is the placeholder "wx0000000000000000": set your mini-program\'s appid (admin console → 开发管理 → 开发设置)',
      'miniprogram/config.ts:2: CLOUD_ENV_ID is the placeholder "your-cloud-env-id": set your cloud environment\'s id (云开发控制台 → 环境 ID)',
    ]);
  });

  it("count DevTools' tourist appid and empty values as placeholders too, and real values as none", () => {
    expect(
      findPlaceholders({
        projectConfig: PROJECT_CONFIG.replace('wx0000000000000000', 'touristappid'),
        miniprogramConfig: MINIPROGRAM_CONFIG.replace('your-cloud-env-id', ''),
      }).map((placeholder) => placeholder.where),
    ).toEqual(['project.config.json:3', 'miniprogram/config.ts:2']);
    expect(findPlaceholders(YOURS)).toEqual([]);
  });

  it('are both still in the repository as committed (so CI dry-runs them, and the build warns)', async () => {
    const project = await readProjectSettings(ROOT);
    expect(project.placeholders.map((placeholder) => placeholder.where.split(':')[0])).toEqual([
      'project.config.json',
      'miniprogram/config.ts',
    ]);
    for (const placeholder of project.placeholders) {
      const [file, line] = placeholder.where.split(':');
      const text = readFileSync(path.join(ROOT, file!), 'utf8').split('\n')[Number(line) - 1];
      expect(text).toMatch(/"appid"|CLOUD_ENV_ID/);
    }
  });
});

describe('deployBlockers', () => {
  it('refuses the placeholders, and a WX_APPID that is not the project’s appid, naming both appids', () => {
    const placeholders = findPlaceholders({ projectConfig: PROJECT_CONFIG, miniprogramConfig: MINIPROGRAM_CONFIG });
    expect(deployBlockers({ appid: 'wx0000000000000000', placeholders }, 'wx1234567890abcdef')).toEqual(
      placeholders.map(describePlaceholder),
    );
    expect(deployBlockers({ appid: 'wx1234567890abcdef', placeholders: [] }, 'wxfedcba0987654321')).toEqual([
      "WX_APPID is wxfedcba0987654321 but project.config.json's appid is wx1234567890abcdef: " +
        'deploy with the appid the project is for, or change the project',
    ]);
    expect(deployBlockers({ appid: 'wx1234567890abcdef', placeholders: [] }, 'wx1234567890abcdef')).toEqual([]);
  });
});

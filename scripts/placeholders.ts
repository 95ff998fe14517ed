import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A setting that still holds the value the repository ships, with where to change it. */
export interface Placeholder {
  /** `file:line` to edit, relative to the repository. */
  where: string;
  /** One line: what it holds and what to put there. */
  message: string;
}

/** The two files a new project must edit (README, set up step 1), relative to the repository. */
export const PROJECT_CONFIG = 'project.config.json';
export const MINIPROGRAM_CONFIG = 'miniprogram/config.ts';

/** The appid the repository ships (DevTools' own test appid is `touristappid`): no mini-program has either. */
const PLACEHOLDER_APPIDS = new Set(['wx0000000000000000', 'touristappid', '']);
const PLACEHOLDER_ENV_IDS = new Set(['your-cloud-env-id', '']);
const CLOUD_ENV_LINE = /^\s*export const CLOUD_ENV_ID\s*=\s*(['"`])(.*?)\1/;

/** The 1-based line of the first line matching `pattern`; 1 when none does (the file is still named). */
function lineOf(text: string, pattern: RegExp): number {
  const index = text.split(/\r?\n/).findIndex((line) => pattern.test(line));
  return index === -1 ? 1 : index + 1;
}

/** project.config.json's appid, as DevTools reads it; undefined when the file holds none. */
export function projectAppId(projectConfigText: string): string | undefined {
  const { appid } = JSON.parse(projectConfigText) as { appid?: unknown };
  return typeof appid === 'string' ? appid.trim() : undefined;
}

/** CLOUD_ENV_ID's line in miniprogram/config.ts's text, and its value ('' when there is none). */
function cloudEnvLine(miniprogramConfig: string): { line: number; envId: string } {
  const line = lineOf(miniprogramConfig, CLOUD_ENV_LINE);
  return { line, envId: CLOUD_ENV_LINE.exec(miniprogramConfig.split(/\r?\n/)[line - 1] ?? '')?.[2] ?? '' };
}

/** miniprogram/config.ts's CLOUD_ENV_ID, trimmed; undefined while it is the placeholder. */
export function configuredCloudEnvId(miniprogramConfig: string): string | undefined {
  const envId = cloudEnvLine(miniprogramConfig).envId.trim();
  return PLACEHOLDER_ENV_IDS.has(envId) ? undefined : envId;
}

/** The placeholders still in these two files' texts, each with the file and line to change. */
export function findPlaceholders(texts: { projectConfig: string; miniprogramConfig: string }): Placeholder[] {
  const found: Placeholder[] = [];
  const appid = projectAppId(texts.projectConfig) ?? '';
  if (PLACEHOLDER_APPIDS.has(appid))
    found.push({
      where: `${PROJECT_CONFIG}:${lineOf(texts.projectConfig, /"appid"\s*:/)}`,
      message: `appid is the placeholder ${JSON.stringify(appid)}: set your mini-program's appid (admin console → 开发管理 → 开发设置)`,
    });
  const { line: envLine, envId } = cloudEnvLine(texts.miniprogramConfig);
  if (PLACEHOLDER_ENV_IDS.has(envId.trim()))
    found.push({
      where: `${MINIPROGRAM_CONFIG}:${envLine}`,
      message: `CLOUD_ENV_ID is the placeholder ${JSON.stringify(envId)}: set your cloud environment's id (云开发控制台 → 环境 ID)`,
    });
  return found;
}

export interface ProjectSettings {
  /** project.config.json's appid, which the mini-program is compiled and uploaded for. */
  appid: string | undefined;
  placeholders: Placeholder[];
}

/** Reads the two files under `rootDir` (paths joined with `path`, so on Windows too). */
export async function readProjectSettings(rootDir: string): Promise<ProjectSettings> {
  const [projectConfig, miniprogramConfig] = await Promise.all(
    [PROJECT_CONFIG, MINIPROGRAM_CONFIG].map((file) => readFile(path.join(rootDir, file), 'utf8')),
  );
  return {
    appid: projectAppId(projectConfig!),
    placeholders: findPlaceholders({ projectConfig: projectConfig!, miniprogramConfig: miniprogramConfig! }),
  };
}

/** One line per placeholder: `file:line: message`. */
export function describePlaceholder(placeholder: Placeholder): string {
  return `${placeholder.where}: ${placeholder.message}`;
}

/**
 * Why a real deploy must not go ahead with this project: each placeholder, and a WX_APPID that is not
 * project.config.json's appid (the page would be compiled for one app and the function uploaded to
 * another's environment). Appids are not secret: both are named.
 */
export function deployBlockers(project: ProjectSettings, wxAppId: string): string[] {
  const placeholderAppid = project.placeholders.some((placeholder) => placeholder.where.startsWith(PROJECT_CONFIG));
  return [
    ...project.placeholders.map(describePlaceholder),
    ...(placeholderAppid || project.appid === wxAppId
      ? []
      : [
          `WX_APPID is ${wxAppId} but ${PROJECT_CONFIG}'s appid is ${project.appid ?? '(none)'}: ` +
            'deploy with the appid the project is for, or change the project',
        ]),
  ];
}

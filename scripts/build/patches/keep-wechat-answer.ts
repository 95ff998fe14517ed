import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { patchDirective } from './patch-marker';

/**
 * wx-server-sdk 4.0.2 throws `CloudSDKError({ errCode, errMsg })` for a WeChat answer with a non-zero
 * errcode and drops every other field of it, such as the courier's own reason behind 9300501
 * (`delivery_resultcode`, `delivery_resultmsg`). This patch, applied to the SDK's source as it is
 * bundled, keeps the whole answer on the thrown error as `wxAnswer`; `toQuotaError` reads it.
 */
export const SDK_THROW_PATTERN =
  /throw new error_1\.CloudSDKError\(\{\s*errCode: result\.errcode,\s*errMsg: msg_1\.apiFailMsg\(displayAPIName, result\.errmsg\),?\s*\}\);/g;

export const SDK_THROW_REPLACEMENT =
  'throw Object.assign(new error_1.CloudSDKError({ errCode: result.errcode, errMsg: msg_1.apiFailMsg(displayAPIName, result.errmsg) }), { wxAnswer: result });';

export class SdkPatchError extends Error {
  override readonly name = 'SdkPatchError' as const;
}

/** The SDK's source with the patch applied; throws when the expected code is not there exactly once. */
export function patchSdkSource(source: string, file: string): string {
  const matches = source.match(SDK_THROW_PATTERN)?.length ?? 0;
  if (matches !== 1) {
    throw new SdkPatchError(
      `Build stopped: ${file} does not contain, exactly once, ` +
        `the open-API error throw that the build patches to keep WeChat's whole answer (found ${matches}). ` +
        'wx-server-sdk was probably upgraded: check how it now reports a WeChat error, then update scripts/build/patches/keep-wechat-answer.ts.',
    );
  }
  return source.replace(SDK_THROW_PATTERN, SDK_THROW_REPLACEMENT);
}

/** Applies `patchSdkSource` to wx-server-sdk's index.js while esbuild bundles it. */
export function keepWechatAnswerPlugin(): Plugin {
  return {
    name: 'keep-wechat-answer',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]wx-server-sdk[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        try {
          return {
            contents:
              patchDirective('keep-wechat-answer') + patchSdkSource(source, path.relative(process.cwd(), args.path)),
            loader: 'js',
          };
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
      });
    },
  };
}

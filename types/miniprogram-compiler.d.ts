/** WeChat's template and style compilers (wcc, wcsc) as the npm package miniprogram-compiler exposes them. */
declare module 'miniprogram-compiler' {
  /** Compiles every .wxml under rootPath; throws with wcc's message on an error. */
  export function wxmlToJs(rootPath: string, options?: Record<string, unknown>): string;
  /** Compiles every .wxss under rootPath; throws on an error. */
  export function wxssToJs(rootPath: string, options?: Record<string, unknown>): string;
}

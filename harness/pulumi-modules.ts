/**
 * The `@pulumi/pulumi` copy a program uses, and the gRPC/protobuf modules that copy
 * itself resolves. A project that installed `pulumi-tencent-css` from a tarball has its
 * own node_modules; the runtime, the monitor messages and the provider host must all be
 * that project's copy, or secrets and outputs would cross between two runtimes.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * A module loaded at run time from the program's dependencies. Its types are the
 * program's business; the harness only uses a few generated protobuf classes and
 * runtime functions, so they are left untyped here.
 */
export type LoadedModule = any;

/** The modules the harness drives, all from one `@pulumi/pulumi` installation. */
export interface PulumiModules {
  /** The package directory, e.g. `<program>/node_modules/@pulumi/pulumi`. */
  readonly root: string;
  /** `@pulumi/pulumi` itself. */
  readonly pulumi: LoadedModule;
  /** `@pulumi/pulumi/runtime/settings` (setMockOptions, waitForRPCs). */
  readonly settings: LoadedModule;
  /** `@pulumi/pulumi/runtime/stack` (runInPulumiStack). */
  readonly stack: LoadedModule;
  /** `@grpc/grpc-js` as `@pulumi/pulumi` resolves it. */
  readonly grpc: LoadedModule;
  /** `google-protobuf/google/protobuf/struct_pb`. */
  readonly struct: LoadedModule;
  /** `@pulumi/pulumi/proto/provider_pb`. */
  readonly providerPb: LoadedModule;
  /** `@pulumi/pulumi/proto/provider_grpc_pb`. */
  readonly providerGrpc: LoadedModule;
  /** `@pulumi/pulumi/proto/resource_pb`. */
  readonly resourcePb: LoadedModule;
  /** The dynamic-provider host script the engine would start. */
  readonly dynamicProviderHost: string;
}

/** Loads `@pulumi/pulumi` (and friends) as resolved from `programDir`. */
export function loadPulumi(programDir: string): PulumiModules {
  let entry: string;
  try {
    entry = require.resolve("@pulumi/pulumi", { paths: [programDir] });
  } catch {
    throw new Error(`@pulumi/pulumi is not installed for the program in ${programDir}; run npm install there`);
  }
  const root = dirname(entry);
  const fromPulumi = createRequire(join(root, "package.json"));
  return {
    root,
    pulumi: fromPulumi("./index.js"),
    settings: fromPulumi("./runtime/settings.js"),
    stack: fromPulumi("./runtime/stack.js"),
    grpc: fromPulumi("@grpc/grpc-js"),
    struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
    providerPb: fromPulumi("./proto/provider_pb.js"),
    providerGrpc: fromPulumi("./proto/provider_grpc_pb.js"),
    resourcePb: fromPulumi("./proto/resource_pb.js"),
    dynamicProviderHost: join(root, "cmd", "dynamic-provider", "index.js"),
  };
}

/**
 * The `tencent-css` provider plugin: a gRPC ResourceProvider that serves the same
 * lifecycle hooks as the dynamic resources, for programs in every Pulumi language and for
 * `pulumi import`. Started by `plugin/index.js` (the engine runs it through the Node.js
 * language host); prints its port on stdout, as every plugin does.
 *
 * It is written against the protocol rather than `@pulumi/pulumi/provider`'s `main`,
 * whose server drops the provider configuration sent with Configure and cannot send a
 * detailed diff — both of which this provider needs (credentials; `replaceOnChanges` and
 * property-level previews).
 */
import { createRequire } from "node:module";
import { setStackConfig } from "../provider";
import { STACK_CONFIG_KEYS } from "../provider/client";
import { UNKNOWN } from "../provider/unknown";
import { detailedDiff } from "./detailed-diff";
import { resourceOfUrn, type PackageResource } from "./resources";
import { packageSchema } from "./schema";
import { markSecret, unwrapSecrets } from "./secrets";

// The protocol modules and the one @grpc/grpc-js copy they were generated against.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const services = pulumiRequire("./proto/provider_grpc_pb");
const proto = pulumiRequire("./proto/provider_pb");
const pluginProto = pulumiRequire("./proto/plugin_pb");
const structProto = pulumiRequire("google-protobuf/google/protobuf/struct_pb");
const emptyProto = pulumiRequire("google-protobuf/google/protobuf/empty_pb");

type Call = { request: any };
type Callback = (error: { code: number; details: string } | null, response?: unknown) => void;

const toStruct = (value: Record<string, unknown>) => structProto.Struct.fromJavaScript(value);
const fromStruct = (struct: any): Record<string, unknown> => (struct ? (unwrapSecrets(struct.toJavaScript()) as Record<string, unknown>) : {});

/** Wraps a handler: answers its result, or the error's message as the step's failure. */
function handle(work: (request: any) => Promise<unknown>) {
  return (call: Call, callback: Callback) => {
    work(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback({ code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) }),
    );
  };
}

function withSecrets(resource: PackageResource, props: Record<string, unknown>): Record<string, unknown> {
  return markSecret(props, resource.secretOutputs);
}

const provider = {
  getPluginInfo: handle(async () => new pluginProto.PluginInfo().setVersion(packageSchema().version as string)),
  getSchema: handle(async () => new proto.GetSchemaResponse().setSchema(JSON.stringify(packageSchema()))),
  checkConfig: handle(async (req) => new proto.CheckResponse().setInputs(req.getNews())),
  diffConfig: handle(async (req) => {
    const same = JSON.stringify(fromStruct(req.getOlds())) === JSON.stringify(fromStruct(req.getNews()));
    return new proto.DiffResponse().setChanges(same ? proto.DiffResponse.DiffChanges.DIFF_NONE : proto.DiffResponse.DiffChanges.DIFF_SOME);
  }),
  configure: handle(async (req) => {
    const args = fromStruct(req.getArgs());
    const variables: Map<string, string> = new Map(req.getVariablesMap().entries());
    const config: Record<string, string> = {};
    // The provider's configuration names (secretId, …) are the connection values; the hooks
    // read them under their stack config keys (tencentcloud:secretId, …).
    for (const [name, key] of Object.entries(STACK_CONFIG_KEYS)) {
      const value = args[name] ?? variables.get(`tencent-css:${name}`) ?? variables.get(`tencent-css:config:${name}`);
      if (typeof value === "string" && value !== "") config[key] = value;
    }
    // Unset keys fall back to the environment at call time (provider/settings.ts), as for the dynamic resources.
    setStackConfig(config);
    // Preview support: an update keeps its output-only values (a template's id does not
    // change), so dependents of a template being updated see no change of their own.
    return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false);
  }),
  check: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    const result = (await resource.hooks.check(fromStruct(req.getOlds()), fromStruct(req.getNews()))) as {
      inputs?: Record<string, unknown>;
      failures?: Array<{ property: string; reason: string }>;
    };
    const response = new proto.CheckResponse().setInputs(toStruct(withSecrets(resource, result.inputs ?? {})));
    response.setFailuresList((result.failures ?? []).map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    return response;
  }),
  diff: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    const olds = fromStruct(req.getOlds());
    const news = fromStruct(req.getNews());
    const result = (await resource.hooks.diff(req.getId(), olds, news)) as { changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean };
    const response = new proto.DiffResponse();
    response.setChanges(result.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
    response.setReplacesList(result.replaces ?? []);
    response.setDeletebeforereplace(!!result.deleteBeforeReplace);
    if (result.changes) {
      const details = detailedDiff(resource, olds, news, result.replaces ?? []);
      response.setDiffsList(Object.keys(details));
      const map = response.getDetaileddiffMap();
      for (const [name, kind] of Object.entries(details)) map.set(name, new proto.PropertyDiff().setKind(proto.PropertyDiff.Kind[kind]).setInputdiff(true));
    }
    response.setHasdetaileddiff(true);
    return response;
  }),
  create: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    if (req.getPreview()) {
      const planned: Record<string, unknown> = { ...fromStruct(req.getProperties()) };
      for (const name of resource.outputOnly) planned[name] = UNKNOWN;
      return new proto.CreateResponse().setId("").setProperties(toStruct(withSecrets(resource, planned)));
    }
    const result = (await resource.hooks.create(fromStruct(req.getProperties()) as never)) as { id: string; outs: Record<string, unknown> };
    return new proto.CreateResponse().setId(result.id).setProperties(toStruct(withSecrets(resource, result.outs)));
  }),
  read: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    const result = (await resource.hooks.read(req.getId(), fromStruct(req.getProperties()))) as {
      id?: string;
      props?: Record<string, unknown>;
      inputs?: Record<string, unknown>;
    };
    const response = new proto.ReadResponse();
    if (!result.id) return response; // gone: refresh drops it
    response.setId(result.id).setProperties(toStruct(withSecrets(resource, result.props ?? {})));
    const inputs = { ...(result.inputs ?? {}) };
    for (const name of resource.outputOnly) delete inputs[name];
    return response.setInputs(toStruct(withSecrets(resource, inputs)));
  }),
  update: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    if (req.getPreview()) {
      const olds = fromStruct(req.getOlds());
      const planned: Record<string, unknown> = { ...fromStruct(req.getNews()) };
      for (const name of resource.outputOnly) planned[name] = olds[name];
      return new proto.UpdateResponse().setProperties(toStruct(withSecrets(resource, planned)));
    }
    const result = (await resource.hooks.update(req.getId(), fromStruct(req.getOlds()), fromStruct(req.getNews()) as never)) as {
      outs: Record<string, unknown>;
    };
    return new proto.UpdateResponse().setProperties(toStruct(withSecrets(resource, result.outs)));
  }),
  delete: handle(async (req) => {
    const resource = resourceOfUrn(req.getUrn());
    await resource.hooks.delete(req.getId(), fromStruct(req.getProperties()));
    return new emptyProto.Empty();
  }),
  cancel: handle(async () => new emptyProto.Empty()),
};

/** Starts the server on an ephemeral loopback port and prints the port. */
export async function main(): Promise<void> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.ResourceProviderService, provider);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  process.stdout.write(`${port}\n`);
}

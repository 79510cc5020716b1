/**
 * The resource monitor the Node runtime talks to, in-process: the same object shape as
 * the SDK's own `MockMonitor` (methods taking a protobuf request and a callback), but
 * every request is read raw — secret markers, dependencies and resource options intact —
 * and handed to the {@link Deployment}, which runs the real provider.
 */
import { HaltedError } from "./engine-context";
import type { Answer, Deployment } from "./deployment";
import { fromRuntime, type PropertyMap } from "./properties";
import type { LoadedModule, PulumiModules } from "./pulumi-modules";

/** Features the harness answers "yes" to, like a current engine (transforms and hooks need a callback server). */
const SUPPORTED_FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs", "parameterization"]);

type Callback = (error: Error | null, response?: LoadedModule) => void;

/** Gives `error` the gRPC shape the runtime expects (it reads `code` and `message`). */
function rpcError(error: unknown, code: number): Error {
  const out = error instanceof Error ? error : new Error(String(error));
  (out as Error & { code?: number; details?: string }).code = code;
  (out as Error & { details?: string }).details = out.message;
  return out;
}

function toMap(struct: LoadedModule): PropertyMap {
  return fromRuntime(struct ? struct.toJavaScript() : {}) as PropertyMap;
}

function stringListMap(map: LoadedModule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  map.forEach((value: LoadedModule, key: string) => {
    out[key] = value.getUrnsList();
  });
  return out;
}

/** How many resource hooks a registration binds (every `…List` of its hooks binding). */
function hookCount(binding: LoadedModule): number {
  if (!binding) return 0;
  return Object.values(binding.toObject() as Record<string, unknown>).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
}

/** Builds the monitor object for `setMockOptions`. */
export function createMonitor(modules: PulumiModules, deployment: Deployment): object {
  const { resourcePb, providerPb, struct, grpc } = modules;
  const structOf = (value: PropertyMap) => struct.Struct.fromJavaScript(value);
  const unknownCode = grpc.status.UNKNOWN;

  const reply = (callback: Callback, work: () => Promise<LoadedModule>) => {
    work().then(
      (response) => callback(null, response),
      (error) => callback(rpcError(error, error instanceof HaltedError ? grpc.status.ABORTED : unknownCode)),
    );
  };

  return {
    registerResource(request: LoadedModule, callback: Callback) {
      reply(callback, async () => {
        const propertyDependencies = stringListMap(request.getPropertydependenciesMap());
        const answer: Answer = await deployment.registerResource({
          type: request.getType(),
          name: request.getName(),
          parent: request.getParent() || undefined,
          custom: request.getCustom(),
          object: toMap(request.getObject()),
          dependencies: request.getDependenciesList(),
          propertyDependencies,
          additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
          deleteBeforeReplace: request.getDeletebeforereplace(),
          ignoreChanges: request.getIgnorechangesList(),
          replaceOnChanges: request.getReplaceonchangesList(),
          protect: request.hasProtect() ? request.getProtect() : undefined,
          retainOnDelete: request.hasRetainondelete() ? request.getRetainondelete() : undefined,
          importId: request.getImportid() || undefined,
          provider: request.getProvider() || undefined,
          unsupported: {
            aliases: request.getAliasesList().length + request.getAliasurnsList().length,
            deletedWith: request.getDeletedwith(),
            replaceWith: request.getReplaceWithList().length,
            replacementTrigger: request.hasReplacementTrigger(),
            hooks: hookCount(request.hasHooks() ? request.getHooks() : undefined),
          },
        });
        const response = new resourcePb.RegisterResourceResponse();
        response.setUrn(answer.urn);
        response.setId(answer.id ?? "");
        response.setObject(structOf(answer.outputs));
        response.setResult(resourcePb.Result.SUCCESS);
        const deps = response.getPropertydependenciesMap();
        for (const [key, urns] of Object.entries(propertyDependencies)) {
          const entry = new resourcePb.RegisterResourceResponse.PropertyDependencies();
          entry.setUrnsList(urns);
          deps.set(key, entry);
        }
        return response;
      });
    },

    readResource(request: LoadedModule, callback: Callback) {
      reply(callback, async () => {
        const answer = await deployment.readResource({
          type: request.getType(),
          name: request.getName(),
          parent: request.getParent() || undefined,
          id: request.getId(),
          object: toMap(request.getProperties()),
          dependencies: request.getDependenciesList(),
          additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
          provider: request.getProvider() || undefined,
        });
        const response = new resourcePb.ReadResourceResponse();
        response.setUrn(answer.urn);
        response.setProperties(structOf(answer.outputs));
        return response;
      });
    },

    registerResourceOutputs(request: LoadedModule, callback: Callback) {
      reply(callback, async () => {
        deployment.registerOutputs(request.getUrn(), toMap(request.getOutputs()));
        return {};
      });
    },

    supportsFeature(request: LoadedModule, callback: Callback) {
      const response = new resourcePb.SupportsFeatureResponse();
      response.setHassupport(SUPPORTED_FEATURES.has(request.getId()));
      callback(null, response);
    },

    invoke(request: LoadedModule, callback: Callback) {
      reply(callback, async () => {
        const token: string = request.getTok();
        const args = toMap(request.getArgs());
        let result: PropertyMap;
        if (token === "pulumi:pulumi:getStack") {
          result = { stack: deployment.options.stack, project: deployment.options.project, outputs: deployment.currentStackOutputs() ?? {} };
        } else if (token === "pulumi:pulumi:getResource") {
          const state = deployment.registeredState(String(args.urn));
          if (!state) throw new Error(`unknown resource ${String(args.urn)}`);
          result = { urn: state.urn, id: state.id ?? "", state: state.outputs };
        } else {
          throw new Error(`unknown function ${token}: the test harness runs no provider plugins`);
        }
        const response = new providerPb.InvokeResponse();
        response.setReturn(structOf(result));
        return response;
      });
    },

    registerPackage(_request: LoadedModule, callback: Callback) {
      const response = new resourcePb.RegisterPackageResponse();
      response.setRef("pulumi-tencent-css-harness-package");
      callback(null, response);
    },

    close() {
      // Nothing to close: the monitor lives in this process.
    },
  };
}

/**
 * The real dynamic-provider process, driven over gRPC the way the engine drives it:
 * `node <@pulumi/pulumi>/cmd/dynamic-provider/index.js <engine address>` in the program's
 * directory, port on the first stdout line, then Configure before anything else.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PropertyMap } from "./properties";
import type { LoadedModule, PulumiModules } from "./pulumi-modules";

/** A provider call that failed; `message` is the gRPC `details` the engine would show. */
export class ProviderCallError extends Error {
  override readonly name = "ProviderCallError" as const;
  /** The gRPC method, e.g. `Delete`. */
  readonly method: string;
  /** The gRPC status code (2 for an error thrown by a hook). */
  readonly grpcCode?: number;
  constructor(method: string, message: string, grpcCode?: number) {
    super(message);
    this.method = method;
    this.grpcCode = grpcCode;
  }
}

/** A Check failure, as the provider reports it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** The provider's answer to Diff. */
export interface DiffResult {
  readonly changes: "some" | "none" | "unknown";
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** Where and how to start the provider. */
export interface ProviderHostOptions {
  readonly programDir: string;
  readonly project: string;
  readonly stack: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A started dynamic-provider process and its gRPC client. */
export class ProviderHost {
  /** Calls made so far, by gRPC method name. */
  readonly calls: Record<string, number> = {};
  /** The most calls of each method that were under way at once. */
  readonly peakConcurrentCalls: Record<string, number> = {};
  private readonly inFlight: Record<string, number> = {};
  private constructor(
    private readonly modules: PulumiModules,
    private readonly child: ChildProcess,
    private readonly client: LoadedModule,
  ) {}

  /** Spawns the provider host and connects to it. */
  static async start(modules: PulumiModules, options: ProviderHostOptions): Promise<ProviderHost> {
    // `PULUMI_HARNESS_PROVIDER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`: Node flags for
    // the provider process, for profiling it (NODE_OPTIONS refuses --cpu-prof).
    const nodeArgs = (options.env.PULUMI_HARNESS_PROVIDER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
    const lifeline = join(__dirname, "provider-lifeline.js");
    const child = spawn(process.execPath, ["--require", lifeline, ...nodeArgs, modules.dynamicProviderHost, "127.0.0.1:0"], {
      cwd: options.programDir,
      env: { ...options.env, PULUMI_NODEJS_PROJECT: options.project, PULUMI_NODEJS_STACK: options.stack },
      // stdin is the lifeline: it ends when this process dies (see provider-lifeline.js).
      stdio: ["pipe", "pipe", "pipe"],
    });
    // Provider logs go to our stderr: stdout is reserved for the plan and its JSON line.
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      let seen = false;
      lines.on("line", (line) => {
        if (seen) {
          process.stderr.write(`[provider] ${line}\n`);
          return;
        }
        seen = true;
        const port = Number(line.trim());
        if (Number.isInteger(port) && port > 0) resolve(port);
        else reject(new Error(`dynamic provider printed "${line}" instead of its port`));
      });
      child.once("error", reject);
      child.once("exit", (code, signal) => {
        if (!seen) reject(new Error(`dynamic provider exited (${signal ?? code}) before printing its port`));
      });
    });
    const { grpc, providerGrpc } = modules;
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(Date.now() + 15_000, (error: Error | undefined) => (error ? reject(error) : resolve())),
    );
    return new ProviderHost(modules, child, client);
  }

  private struct(value: PropertyMap): LoadedModule {
    return this.modules.struct.Struct.fromJavaScript(value);
  }

  private unary(method: string, request: LoadedModule): Promise<LoadedModule> {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    const running = (this.inFlight[method] = (this.inFlight[method] ?? 0) + 1);
    this.peakConcurrentCalls[method] = Math.max(this.peakConcurrentCalls[method] ?? 0, running);
    const rpc = method.charAt(0).toLowerCase() + method.slice(1);
    return new Promise((resolve, reject) => {
      this.client[rpc](request, (error: { details?: string; message: string; code?: number } | null, response: LoadedModule) => {
        this.inFlight[method]!--;
        if (error) reject(new ProviderCallError(method, error.details || error.message, error.code));
        else resolve(response);
      });
    });
  }

  private withUrn(request: LoadedModule, urn: string): LoadedModule {
    request.setUrn(urn);
    const [, , , qualifiedType = "", name = ""] = urn.split("::");
    request.setType(qualifiedType.split("$").pop() ?? "");
    request.setName(name);
    return request;
  }

  /** Configure: the whole stack config, secrets unwrapped, as `args` and `variables`. */
  async configure(config: Record<string, string>): Promise<void> {
    const request = new this.modules.providerPb.ConfigureRequest();
    request.setArgs(this.struct(config));
    const variables = request.getVariablesMap();
    for (const [key, value] of Object.entries(config)) variables.set(key, value);
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    request.setSendsOldInputs(true);
    request.setSendsOldInputsToDelete(true);
    await this.unary("Configure", request);
  }

  /** Check(olds, news): the checked inputs and any failures. */
  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<{ inputs: PropertyMap; failures: CheckFailure[] }> {
    const request = this.withUrn(new this.modules.providerPb.CheckRequest(), urn);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.unary("Check", request);
    const failures = (response.getFailuresList() as LoadedModule[]).map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs: response.getInputs()?.toJavaScript() ?? news, failures };
  }

  /** Diff(id, old outputs, checked inputs). */
  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): Promise<DiffResult> {
    const request = this.withUrn(new this.modules.providerPb.DiffRequest(), urn);
    request.setId(id);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    request.setOldInputs(this.struct(oldInputs));
    const response = await this.unary("Diff", request);
    const kinds = this.modules.providerPb.DiffResponse.DiffChanges;
    const changes = response.getChanges() === kinds.DIFF_SOME ? "some" : response.getChanges() === kinds.DIFF_NONE ? "none" : "unknown";
    return { changes, replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  /** Create(inputs): the new id and outputs. */
  async create(urn: string, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }> {
    const request = this.withUrn(new this.modules.providerPb.CreateRequest(), urn);
    request.setProperties(this.struct(inputs));
    request.setPreview(false);
    const response = await this.unary("Create", request);
    const id: string = response.getId();
    if (!id) throw new ProviderCallError("Create", "provider returned an empty id from Create");
    return { id, outputs: response.getProperties()?.toJavaScript() ?? {} };
  }

  /** Update(id, old outputs, new inputs): the new outputs. */
  async update(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): Promise<PropertyMap> {
    const request = this.withUrn(new this.modules.providerPb.UpdateRequest(), urn);
    request.setId(id);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    request.setOldInputs(this.struct(oldInputs));
    request.setPreview(false);
    const response = await this.unary("Update", request);
    return response.getProperties()?.toJavaScript() ?? {};
  }

  /**
   * Read(id, old outputs, old inputs): the id (empty when gone), outputs and inputs if
   * returned. `outputs` is undefined only when the answer had no properties at all.
   */
  async read(urn: string, id: string, props: PropertyMap, inputs: PropertyMap): Promise<{ id: string; outputs?: PropertyMap; inputs?: PropertyMap }> {
    const request = this.withUrn(new this.modules.providerPb.ReadRequest(), urn);
    request.setId(id);
    request.setProperties(this.struct(props));
    request.setInputs(this.struct(inputs));
    const response = await this.unary("Read", request);
    return {
      id: response.getId(),
      outputs: response.getProperties()?.toJavaScript(),
      inputs: response.getInputs()?.toJavaScript(),
    };
  }

  /** Delete(id, old outputs). */
  async delete(urn: string, id: string, props: PropertyMap, oldInputs: PropertyMap): Promise<void> {
    const request = this.withUrn(new this.modules.providerPb.DeleteRequest(), urn);
    request.setId(id);
    request.setProperties(this.struct(props));
    request.setOldInputs(this.struct(oldInputs));
    await this.unary("Delete", request);
  }

  /**
   * The process's peak resident set size so far in bytes (`VmHWM` in `/proc/<pid>/status`),
   * or undefined where there is no `/proc` or the process has exited.
   */
  peakRssBytes(): number | undefined {
    try {
      const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${this.child.pid}/status`, "utf8"));
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Closes the channel and stops the process. */
  close(): void {
    try {
      this.client.close();
    } finally {
      this.child.kill();
    }
  }
}

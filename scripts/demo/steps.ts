/**
 * The demo's steps: what each does to examples/basic, to the emulator "in the console",
 * and what it checks. The runner (walk.ts) prints the plans and decides the exit code.
 *
 * 1. preview a new stack          5. change things outside the stack, found by refresh
 * 2. up, then a simulated push     6. up puts the program's values back
 *    reaches the receiver
 * 3. preview one config change    7. up refuses to delete a template still bound outside
 * 4. up applies exactly it        8. unbind it outside, up deletes the template
 *                                 9. destroy
 */
import type { RunningEmulator } from "../../emulator";
import type { LiveClient } from "../../provider/client";
import type { Receiver } from "../../examples/receiver/server";
import type { Command } from "../../harness";
import type { ChangeCounts, DemoEngine, EngineRun, StackConfig } from "./engines";

/** The callback key the demo sets as secret config; it must never be printed. */
export const DEMO_CALLBACK_KEY = "demoKey2024";
const CALLBACK_KEY = DEMO_CALLBACK_KEY;
const NEW_STREAM_END_URL = "https://hooks.example.com/v2/live/end";
const CONSOLE_START_URL = "https://console.example.com/live/start";
const OUTSIDE_DOMAIN = "outside.example.com";

const baseConfig: StackConfig = { plain: {}, secret: { callbackKey: CALLBACK_KEY } };
const changedConfig: StackConfig = { ...baseConfig, plain: { streamEndUrl: NEW_STREAM_END_URL } };
const withoutRecordings: StackConfig = { ...changedConfig, plain: { ...changedConfig.plain, withRecordings: "false" } };

/** Everything a step can use. */
export interface Demo {
  readonly engine: DemoEngine;
  readonly emulator: RunningEmulator;
  /** Signed with the emulator's credentials: plays the Tencent console ("outside the stack"). */
  readonly console: LiveClient;
  /** The callback receiver (examples/receiver) the stack's URLs point at. */
  readonly receiver: Receiver;
  /** Runs a command and prints its plan. */
  run(command: Command, config: StackConfig): Promise<EngineRun>;
  /** Records a check; a step passes when all its checks do. */
  check(ok: boolean, what: string, detail?: unknown): void;
  /** Prints a change made outside the stack. */
  outside(what: string): void;
  /** Emulator write requests (Create/Modify/Delete) since the step began. */
  writes(): number;
  /** Emulator requests of any kind since the step began. */
  requests(): number;
}

/** One step of the walk. */
export interface Step {
  readonly title: string;
  run(demo: Demo): Promise<void>;
}

/** The walk, in order. */
export const DEMO_STEPS: readonly Step[] = [
  {
    title: "preview a new stack: the plan, without a single API call",
    async run(demo) {
      const preview = await demo.run("preview", baseConfig);
      expectSucceeded(demo, preview);
      expectCounts(demo, preview, { create: 5 });
      demo.check(demo.requests() === 0, "the emulator received no request", demo.requests());
    },
  },
  {
    title: "up: two templates and three domain bindings are created",
    async run(demo) {
      const up = await demo.run("up", baseConfig);
      expectSucceeded(demo, up);
      expectCounts(demo, up, { create: 5 });
      const { templates, rules } = demo.emulator.state();
      const streams = templates.find((t) => t.TemplateName === "prod_streams");
      const recordings = templates.find((t) => t.TemplateName === "prod_recordings");
      demo.check(templates.length === 2 && !!streams && !!recordings, "the emulator holds prod_streams and prod_recordings", templates.map((t) => t.TemplateName));
      expectTemplatesAsDeclared(demo, baseConfig);
      demo.check(streams?.CallbackKey === CALLBACK_KEY, "the callback key from secret config reached the template");
      const bound = rules.map((r) => `${r.DomainName}/${r.AppName}->${r.TemplateId}`).sort();
      const expected = [
        `archive.example.com/archive->${recordings?.TemplateId}`,
        `push-backup.example.com/live->${streams?.TemplateId}`,
        `push.example.com/live->${streams?.TemplateId}`,
      ];
      demo.check(same(bound, expected), "each domain is bound to its template", bound);
      const state = await demo.engine.stackResources();
      demo.check(state.length === 5, "the stack's state holds the 5 resources", state.map((r) => r.name));
      await afterUpSimulatedPushReachesReceiver(demo);
    },
  },
  {
    title: `preview a change: config streamEndUrl=${NEW_STREAM_END_URL}`,
    async run(demo) {
      const preview = await demo.run("preview", changedConfig);
      expectSucceeded(demo, preview);
      expectCounts(demo, preview, { update: 1, same: 4 });
      expectChange(demo, preview, "streams", "update", ["~streamEndNotifyUrl"]);
      demo.check(demo.writes() === 0, "preview changed nothing in the emulator", demo.writes());
    },
  },
  {
    title: "up: the change, and only it, is applied",
    async run(demo) {
      const before = templateNamed(demo, "prod_streams");
      const up = await demo.run("up", changedConfig);
      expectSucceeded(demo, up);
      expectCounts(demo, up, { update: 1, same: 4 });
      const after = templateNamed(demo, "prod_streams");
      demo.check(after?.StreamEndNotifyUrl === NEW_STREAM_END_URL, "prod_streams now calls back the new stream-end URL", after?.StreamEndNotifyUrl ?? "no template");
      expectTemplatesAsDeclared(demo, changedConfig);
      demo.check(after?.TemplateId === before?.TemplateId, "the template was modified in place (same TemplateId)");
      demo.check(demo.writes() === 1, "exactly one write reached the emulator", demo.emulator.requestCounts());
    },
  },
  {
    title: "changes made outside the stack are found by refresh",
    async run(demo) {
      const streams = templateNamed(demo, "prod_streams")!;
      const recordings = templateNamed(demo, "prod_recordings")!;
      await demo.console.modifyTemplate({ TemplateId: streams.TemplateId, StreamBeginNotifyUrl: CONSOLE_START_URL });
      demo.outside(`template ${streams.TemplateId} (prod_streams): StreamBeginNotifyUrl set to ${CONSOLE_START_URL}`);
      await demo.console.deleteRule({ DomainName: "push-backup.example.com", AppName: "live" });
      await demo.console.createRule({ DomainName: "push-backup.example.com", AppName: "live", TemplateId: recordings.TemplateId });
      demo.outside(`push-backup.example.com/live re-pointed to template ${recordings.TemplateId} (prod_recordings)`);

      const refresh = await demo.run("refresh", changedConfig);
      expectSucceeded(demo, refresh);
      expectCounts(demo, refresh, { drift: 2, same: 3 });
      expectChange(demo, refresh, "streams", "drift", ["~streamBeginNotifyUrl"]);
      expectChange(demo, refresh, "push-backup", "drift", ["~templateId"]);
      const state = await demo.engine.stackResources();
      const stored = (name: string, key: string) => state.find((r) => r.name === name)?.outputs[key];
      demo.check(stored("streams", "streamBeginNotifyUrl") === CONSOLE_START_URL, "the state now holds the console's URL");
      demo.check(stored("push-backup", "templateId") === recordings.TemplateId, "the state now holds the re-pointed templateId");
    },
  },
  {
    title: "up: the program's values are put back",
    async run(demo) {
      const up = await demo.run("up", changedConfig);
      expectSucceeded(demo, up);
      expectCounts(demo, up, { update: 2, same: 3 });
      const streams = templateNamed(demo, "prod_streams")!;
      demo.check(streams.StreamBeginNotifyUrl === `${demo.receiver.url}/live/start`, "prod_streams calls back the program's start URL again");
      expectTemplatesAsDeclared(demo, changedConfig);
      const rule = demo.emulator.state().rules.find((r) => r.DomainName === "push-backup.example.com");
      demo.check(rule?.TemplateId === streams.TemplateId, "push-backup.example.com/live points at prod_streams again", rule);
    },
  },
  {
    title: "a template still bound outside the stack is not deleted (config withRecordings=false)",
    async run(demo) {
      const recordings = templateNamed(demo, "prod_recordings")!;
      await demo.console.createRule({ DomainName: OUTSIDE_DOMAIN, AppName: "live", TemplateId: recordings.TemplateId });
      demo.outside(`${OUTSIDE_DOMAIN}/live bound to template ${recordings.TemplateId} (prod_recordings)`);

      const up = await demo.run("up", withoutRecordings);
      demo.check(!up.ok, "up failed, as it must");
      const refusal = `template ${recordings.TemplateId} is still bound to ${OUTSIDE_DOMAIN}/live`;
      demo.check(up.output.includes(refusal), `the error says "${refusal}"`);
      expectCounts(demo, up, { delete: 1, same: 3 });
      const { templates, rules } = demo.emulator.state();
      demo.check(!rules.some((r) => r.DomainName === "archive.example.com"), "the archive binding was deleted", rules);
      demo.check(templates.some((t) => t.TemplateId === recordings.TemplateId), "prod_recordings still exists in the emulator");
      expectTemplatesAsDeclared(demo, changedConfig);
      demo.check(rules.some((r) => r.DomainName === OUTSIDE_DOMAIN && r.TemplateId === recordings.TemplateId), "the outside binding is untouched");
      const state = await demo.engine.stackResources();
      const kept = state.find((r) => r.name === "recordings");
      demo.check(kept?.id === String(recordings.TemplateId), "the stack still holds recordings, with its id", kept?.id ?? "absent");
      demo.check(!state.some((r) => r.name === "archive"), "the stack no longer holds archive");
    },
  },
  {
    title: "after unbinding it outside, up deletes the template",
    async run(demo) {
      const recordings = templateNamed(demo, "prod_recordings");
      await demo.console.deleteRule({ DomainName: OUTSIDE_DOMAIN, AppName: "live" });
      demo.outside(`${OUTSIDE_DOMAIN}/live unbound`);

      const up = await demo.run("up", withoutRecordings);
      expectSucceeded(demo, up);
      expectCounts(demo, up, { delete: 1, same: 3 });
      demo.check(!templateNamed(demo, "prod_recordings"), `template ${recordings?.TemplateId} (prod_recordings) is gone`);
      const state = await demo.engine.stackResources();
      demo.check(same(state.map((r) => r.name).sort(), ["push-backup", "push-main", "streams"]), "the stack holds streams and its two bindings", state.map((r) => r.name));
    },
  },
  {
    title: "destroy: bindings first, then the template",
    async run(demo) {
      const destroy = await demo.run("destroy", withoutRecordings);
      expectSucceeded(demo, destroy);
      expectCounts(demo, destroy, { delete: 3 });
      const order = destroy.changes.map((c) => c.name);
      demo.check(order.indexOf("streams") === order.length - 1, "streams was deleted after both of its bindings", order);
      const { templates, rules } = demo.emulator.state();
      demo.check(templates.length === 0 && rules.length === 0, "the emulator is empty", { templates, rules });
      demo.check((await demo.engine.stackResources()).length === 0, "the stack is empty");
    },
  },
];

/**
 * Closing the loop: a simulated push on a bound domain (push.example.com/live) is
 * delivered by the emulator to the `streams` template's StreamBeginNotifyUrl — the
 * receiver from examples/receiver — signed with the stack's callback key, and the
 * receiver verifies it and prints it.
 */
async function afterUpSimulatedPushReachesReceiver(demo: Demo): Promise<void> {
  demo.outside("a stream starts on push.example.com/live (POST /_emulator/events, eventType 1)");
  const before = demo.receiver.events.length;
  const delivery = await demo.emulator.simulateEvent({ eventType: 1, domainName: "push.example.com", appName: "live", streamId: "demo-stream" });
  demo.check(delivery.delivered, `the emulator delivered it to ${delivery.url}`, delivery.attempts);
  const received = demo.receiver.events.slice(before);
  demo.check(
    received.length === 1 && received[0]!.event_type === 1 && received[0]!.stream_id === "demo-stream",
    "the receiver verified the signature with the stack's callback key and got the push event",
    received,
  );
}

function expectSucceeded(demo: Demo, run: EngineRun): void {
  demo.check(run.ok, "the command succeeded");
}

function expectCounts(demo: Demo, run: EngineRun, expected: ChangeCounts): void {
  const text = (counts: ChangeCounts) =>
    Object.entries(counts)
      .filter(([, n]) => n)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
  demo.check(text(run.counts) === text(expected), `resources: ${text(expected)}`, text(run.counts) || "none");
}

/** The step of `name` has `op` with exactly `diffs`. */
function expectChange(demo: Demo, run: EngineRun, name: string, op: string, diffs: string[]): void {
  const what = `${name}: ${op} [${diffs.join(", ")}]`;
  const step = run.changes.find((c) => c.name === name);
  demo.check(step?.op === op && same([...step.diffs], diffs), what, step ?? "no step");
}

/**
 * The two templates of examples/basic as its index.ts declares them for `config`, in the
 * API's field names, written out by hand from the example (not derived from the
 * package's field table, which is what is being checked). Fields it does not set are
 * empty in the cloud.
 */
function declaredByExample(demo: Demo, config: StackConfig): Record<string, Record<string, unknown>> {
  const base = demo.receiver.url;
  const key = config.secret.callbackKey ?? "";
  const streams = {
    TemplateName: "prod_streams",
    Description: "push-start-and-end",
    StreamBeginNotifyUrl: `${base}/live/start`,
    StreamEndNotifyUrl: config.plain.streamEndUrl ?? `${base}/live/end`,
    PushExceptionNotifyUrl: `${base}/live/push-error`,
    CallbackKey: key,
  };
  const recordings = {
    TemplateName: "prod_recordings",
    RecordNotifyUrl: `${base}/record/file`,
    RecordStatusNotifyUrl: `${base}/record/status`,
    RecordExceptionNotifyUrl: `${base}/record/exception`,
    RecordExceptionLevels: ["error", "warning"],
    CallbackKey: key,
  };
  return config.plain.withRecordings === "false" ? { prod_streams: streams } : { prod_streams: streams, prod_recordings: recordings };
}

/** Every field of each template in the emulator (RecordStatusNotifyUrl included) is what examples/basic declares. */
function expectTemplatesAsDeclared(demo: Demo, config: StackConfig): void {
  for (const [name, declared] of Object.entries(declaredByExample(demo, config))) {
    const cloud = templateNamed(demo, name);
    if (!cloud) {
      demo.check(false, `${name} holds exactly what examples/basic declares, field by field`, "no such template");
      continue;
    }
    const { TemplateId: _id, ...fields } = cloud as unknown as Record<string, unknown>;
    const empty = Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, Array.isArray(value) ? [] : ""]));
    const want: Record<string, unknown> = { ...empty, ...declared };
    const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
    const differing = Object.keys(want).filter((field) => comparable(fields[field]) !== comparable(want[field]));
    // The detail never shows a callback key, only whether it is the stack's.
    const shown = (field: string, value: unknown) =>
      field !== "CallbackKey" ? value : value === "" ? "(none)" : value === want.CallbackKey ? "(the stack's key)" : "(another key)";
    demo.check(
      differing.length === 0,
      `${name} holds exactly what examples/basic declares, field by field`,
      differing.map((field) => `${field}: ${JSON.stringify(shown(field, fields[field]))}, declared ${JSON.stringify(shown(field, want[field]))}`),
    );
  }
}

function templateNamed(demo: Demo, name: string) {
  return demo.emulator.state().templates.find((t) => t.TemplateName === name);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

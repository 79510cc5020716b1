/**
 * examples/cross-stack through the real `pulumi` CLI: a platform stack owns the templates
 * and exports their ids; an app stack binds its domains to them through a StackReference
 * and reads one with `CallbackTemplate.get`. Both stacks share one file backend, as a
 * StackReference needs. The emulator is the oracle for the cloud.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts, ruleTargets } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const PLATFORM = join(EXAMPLES, "cross-stack", "platform");
const APP = join(EXAMPLES, "cross-stack", "app");

describeCli("examples/cross-stack with the real pulumi CLI", () => {
  it("binds the app's domains to the platform's templates through a StackReference, keeps the platform from deleting them while bound, and each destroy removes only its own stack's objects", async () => {
    const platform = await f.stack(PLATFORM);
    // The app's default `platformStack` is this stack's name on a file backend.
    expect(platform.qualifiedName).toBe("organization/tencent-css-platform/dev");
    await platform.setConfig({}, { callbackKey: "platformKey2024" });

    const platformPreview = await platform.preview();
    expectCliOk(platformPreview);
    expect(resourceCounts(platformPreview)).toEqual({ create: 3 });
    expect(f.requestCount()).toBe(0);

    const platformUp = await platform.up();
    expectCliOk(platformUp);
    expect(resourceCounts(platformUp)).toEqual({ create: 3 });
    const platformTemplates = f.emulator.state().templates;
    const byName = Object.fromEntries(platformTemplates.map((t) => [t.TemplateName, t]));
    expect(Object.keys(byName).sort()).toEqual(["shared_recordings", "shared_streams"]);
    expect(byName.shared_streams).toMatchObject({
      Description: "owned-by-the-platform-team",
      StreamBeginNotifyUrl: "https://hooks.platform.example.com/start",
      StreamEndNotifyUrl: "https://hooks.platform.example.com/end",
      CallbackKey: "platformKey2024",
    });
    expect(byName.shared_recordings).toMatchObject({ RecordExceptionLevels: ["error"], CallbackKey: "" });
    const streamsId = byName.shared_streams!.TemplateId;
    const recordingsId = byName.shared_recordings!.TemplateId;
    expect(await platform.outputs()).toEqual({ streamsTemplateId: streamsId, recordingsTemplateId: recordingsId });

    const app = await f.stack(APP);
    await app.setConfig({ domain: "team-a.example.com" });
    const writesBeforeApp = f.writeCount();
    const appPreview = await app.preview();
    expectCliOk(appPreview);
    // The stack and two bindings; the StackReference and CallbackTemplate.get are reads.
    expect(resourceCounts(appPreview)).toEqual({ create: 3 });
    expect(appPreview.stdout).toMatch(/read pulumi-nodejs:dynamic\/tencent-css:CallbackTemplate platform-streams/);
    expect(f.writeCount()).toBe(writesBeforeApp);

    const appUp = await app.up();
    expectCliOk(appUp);
    expect(resourceCounts(appUp)).toEqual({ create: 3 });
    expect(ruleTargets(f.emulator.state())).toEqual({ "team-a.example.com/live": streamsId, "team-a.example.com/archive": recordingsId });
    // The app changed nothing the platform owns.
    expect(f.emulator.state().templates).toEqual(platformTemplates);
    expect(await app.outputs()).toEqual({ streamBeginUrl: "https://hooks.platform.example.com/start", streamsTemplateName: "shared_streams" });

    // The platform cannot pull its templates from under the app: refused, naming the bindings.
    const cloudBound = f.emulator.state();
    const refused = await platform.destroy();
    expectCliFailed(refused);
    expect(refused.stdout).toContain(`template ${streamsId} is still bound to team-a.example.com/live; nothing was deleted`);
    expect(refused.stdout).toContain(`template ${recordingsId} is still bound to team-a.example.com/archive; nothing was deleted`);
    expect(f.emulator.state()).toEqual(cloudBound);
    expect((await platform.exportState()).resources?.filter((r) => r.type.endsWith("CallbackTemplate")).map((r) => r.id).sort()).toEqual(
      [String(streamsId), String(recordingsId)].sort(),
    );

    // Outside both stacks: the app's archive rule removed, the platform's start URL changed.
    await f.client.deleteRule({ DomainName: "team-a.example.com", AppName: "archive" });
    await f.client.modifyTemplate({ TemplateId: streamsId, StreamBeginNotifyUrl: "https://console.example.com/start" });
    const appRefresh = await app.refresh();
    expectCliOk(appRefresh);
    expect(resourceCounts(appRefresh)).toMatchObject({ delete: 1 });
    expect(appRefresh.stdout).toMatch(/- +pulumi-nodejs:dynamic\/tencent-css:DomainBinding app-archive deleted/);
    const appUpAgain = await app.up();
    expectCliOk(appUpAgain);
    expect(resourceCounts(appUpAgain)).toMatchObject({ create: 1 });
    expect(ruleTargets(f.emulator.state())).toEqual({ "team-a.example.com/live": streamsId, "team-a.example.com/archive": recordingsId });
    // CallbackTemplate.get reads the cloud, not the platform's state.
    expect((await app.outputs()).streamBeginUrl).toBe("https://console.example.com/start");

    const appDestroy = await app.destroy();
    expectCliOk(appDestroy);
    expect(f.emulator.state().rules).toEqual([]);
    expect(f.emulator.state().templates.map((t) => t.TemplateId).sort()).toEqual([streamsId, recordingsId].sort());

    const platformDestroy = await platform.destroy();
    expectCliOk(platformDestroy);
    expect(resourceCounts(platformDestroy)).toEqual({ delete: 3 });
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });
});

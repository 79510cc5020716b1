/**
 * examples/basic through the real `pulumi` CLI, from the packed package installed in a
 * project outside the repository: preview (no API call), up, refresh, a change previewed
 * exactly, and destroy. The emulator is the oracle for the cloud.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { join } from "node:path";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, resourceCounts } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

describeCli("examples/basic with the real pulumi CLI", () => {
  it("previews without calling the API, creates, refreshes unchanged, previews a change exactly, applies it, and destroys", async () => {
    const stack = await f.stack(join(EXAMPLES, "basic"));
    await stack.setConfig({}, { callbackKey: "cliSecretKey42" });

    const preview = await stack.preview();
    expectCliOk(preview);
    expect(resourceCounts(preview)).toEqual({ create: 6 });
    expect(f.requestCount()).toBe(0);

    const up = await stack.up();
    expectCliOk(up);
    expect(resourceCounts(up)).toEqual({ create: 6 });
    const { templates, rules } = f.emulator.state();
    expect(templates.map((t) => t.TemplateName).sort()).toEqual(["prod_recordings", "prod_streams"]);
    expect(rules.map((r) => `${r.DomainName}/${r.AppName}`).sort()).toEqual(["archive.example.com/archive", "push-backup.example.com/live", "push.example.com/live"]);
    const streams = templates.find((t) => t.TemplateName === "prod_streams")!;
    expect(streams.CallbackKey).toBe("cliSecretKey42");
    const outputs = await stack.outputs();
    expect(outputs.streamsTemplateId).toBe(streams.TemplateId);

    const writes = f.writeCount();
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toEqual({ same: 6 });
    const noChange = await stack.run(["up", "--yes", "--non-interactive", "--expect-no-changes"]);
    expectCliOk(noChange);
    expect(f.writeCount()).toBe(writes);

    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/ended" });
    const diff = await stack.preview({ flags: ["--diff"] });
    expectCliOk(diff);
    expect(resourceCounts(diff)).toEqual({ update: 1, same: 5 });
    expect(diff.stdout).toContain('~ streamEndNotifyUrl    : "https://hooks.example.com/live/end" => "https://hooks.example.com/live/ended"');
    expect(diff.stdout).toMatch(/callbackKey\s+: \[secret\]/);
    expect(diff.stdout + diff.stderr).not.toContain("cliSecretKey42");
    expect(f.writeCount()).toBe(writes);

    expectCliOk(await stack.up());
    expect(f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.StreamEndNotifyUrl).toBe("https://hooks.example.com/live/ended");

    const destroy = await stack.destroy();
    expectCliOk(destroy);
    expect(resourceCounts(destroy)).toEqual({ delete: 6 });
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });
});

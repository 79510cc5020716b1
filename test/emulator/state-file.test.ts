import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deserializeState } from "../../emulator/persistence/state-schema";
import { call, createTemplate, emulatorForTest, errorCode } from "../support/emulator-fixture";

let dir: string;
let stateFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "css-emulator-state-"));
  stateFile = join(dir, "state.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("state file", () => {
  it("keeps templates, rules and the id counter across a restart", async () => {
    const first = await emulatorForTest({ stateFile });
    const id = await createTemplate(first, "persisted", { CallbackKey: "k1", RecordExceptionLevels: ["info"] });
    await call(first, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    const deleted = await createTemplate(first, "deleted");
    await call(first, "DeleteLiveCallbackTemplate", { TemplateId: deleted });
    const before = first.state();
    await first.close();

    const second = await emulatorForTest({ stateFile });
    expect(second.state()).toEqual(before);
    expect((await call(second, "DescribeLiveCallbackTemplate", { TemplateId: id })).Template).toMatchObject({
      TemplateName: "persisted",
      CallbackKey: "k1",
      RecordExceptionLevels: ["info"],
    });
    expect((await call(second, "DescribeLiveCallbackRules")).Rules).toHaveLength(1);
    expect(await createTemplate(second, "next")).toBe(deleted + 1);
  });

  it("has every acknowledged change on disk by the time the answer arrives", async () => {
    const emulator = await emulatorForTest({ stateFile });
    const id = await createTemplate(emulator);
    expect(deserializeState(await readFile(stateFile, "utf8")).templates.map((t) => t.TemplateId)).toEqual([id]);
    await call(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, Description: "changed" });
    expect(deserializeState(await readFile(stateFile, "utf8")).templates[0]!.Description).toBe("changed");
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: "live", TemplateId: id });
    expect(deserializeState(await readFile(stateFile, "utf8")).rules).toHaveLength(1);
  });

  it("starts empty when the file does not exist yet, and creates it on the first change", async () => {
    const emulator = await emulatorForTest({ stateFile });
    expect(emulator.state()).toEqual({ nextTemplateId: 10001, templates: [], rules: [] });
    await expect(readFile(stateFile)).rejects.toMatchObject({ code: "ENOENT" });
    await createTemplate(emulator);
    await expect(readFile(stateFile, "utf8")).resolves.toContain('"format": 1');
  });

  it("persists a reset", async () => {
    const first = await emulatorForTest({ stateFile });
    await createTemplate(first);
    await first.reset();
    await first.close();
    const second = await emulatorForTest({ stateFile });
    expect(second.state()).toEqual({ nextTemplateId: 10002, templates: [], rules: [] });
  });

  it("survives many concurrent writes with a file that always parses", async () => {
    const emulator = await emulatorForTest({ stateFile });
    const id = await createTemplate(emulator);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => call(emulator, "CreateLiveCallbackRule", { DomainName: `d${i}.example.com`, AppName: "live", TemplateId: id })),
    );
    const onDisk = deserializeState(await readFile(stateFile, "utf8"));
    expect(onDisk.rules).toHaveLength(40);
    expect(onDisk).toEqual(emulator.state());
  });

  it("refuses to start on a file that is not a state file, and leaves it alone", async () => {
    await writeFile(stateFile, '{"templates": "nope"}');
    await expect(emulatorForTest({ stateFile })).rejects.toThrow(/cannot load state file/);
    expect(await readFile(stateFile, "utf8")).toBe('{"templates": "nope"}');
  });

  it("refuses to start on a truncated file", async () => {
    await writeFile(stateFile, '{"format":1,"state":{"nextTem');
    await expect(emulatorForTest({ stateFile })).rejects.toThrow(/cannot load state file/);
  });

  it("removes temporary files a killed emulator left behind", async () => {
    await writeFile(join(dir, ".state.json.999.deadbeef.tmp"), "{half");
    await emulatorForTest({ stateFile });
    expect(await readdir(dir)).toEqual([]);
  });

  it("answers InternalError and keeps the old state when a change cannot be saved", async () => {
    const emulator = await emulatorForTest({ stateFile });
    const id = await createTemplate(emulator);
    await rm(dir, { recursive: true, force: true });
    expect(await errorCode(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, Description: "lost" })).toBe("InternalError");
    expect(emulator.state().templates[0]!.Description).toBe("");
    expect((await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id })).Template.Description).toBe("");
  });
});

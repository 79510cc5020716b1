/**
 * How the demo reads the real CLI: the engine events `pulumi … --json` streams, captured
 * from the real CLI v3.274.1 (test/support/fixtures/cli-events/README.md). No CLI needed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countSteps, parseCliEvents } from "../../cli-driver/cli-events";

const fixture = (name: string) => readFileSync(join(__dirname, "..", "support", "fixtures", "cli-events", name), "utf8");
const summary = (stdout: string, command: string) =>
  parseCliEvents(stdout, command)
    .steps.map((s) => `${s.op}${s.failed ? "(failed)" : ""} ${s.name}${s.diffs.length ? ` ${s.diffs.join(",")}` : ""}`)
    .sort();

describe("reading the real Pulumi CLI's event stream", () => {
  it("finds the one update of a preview and the property it changes, leaving out the stack and the provider", () => {
    expect(summary(fixture("preview-update.jsonl"), "preview")).toEqual([
      "same archive",
      "same push-backup",
      "same push-main",
      "same recordings",
      "update streams ~streamEndNotifyUrl",
    ]);
  });

  it("reads up the same way, with the summary the CLI printed", () => {
    const events = parseCliEvents(fixture("up-update.jsonl"), "up");
    expect(countSteps(events.steps)).toEqual({ same: 4, update: 1 });
    expect(events.result).toBe("succeeded");
    expect(events.resourceChanges).toEqual({ same: 5, update: 1 });
    expect(events.errors).toEqual([]);
  });

  it("reads refresh as drift with the changed outputs, and a resource deleted outside as gone", () => {
    expect(summary(fixture("refresh-drift-gone.jsonl"), "refresh")).toEqual([
      "drift streams ~streamBeginNotifyUrl",
      "gone archive",
      "same push-backup",
      "same push-main",
      "same recordings",
    ]);
  });

  it("lists destroy's deletes in the order the engine began them: bindings before their templates", () => {
    const order = parseCliEvents(fixture("destroy.jsonl"), "destroy").steps.map((s) => s.name);
    // The refresh before it had dropped `archive`, deleted outside the stack.
    expect([...order].sort()).toEqual(["push-backup", "push-main", "recordings", "streams"]);
    expect(order.indexOf("streams")).toBeGreaterThan(Math.max(order.indexOf("push-main"), order.indexOf("push-backup")));
  });

  it("marks the refused delete as failed, does not count it, and keeps the provider's message", () => {
    const events = parseCliEvents(fixture("up-refused-delete.jsonl"), "up");
    expect(summary(fixture("up-refused-delete.jsonl"), "up")).toEqual([
      "delete archive",
      "delete(failed) recordings",
      "same push-backup",
      "same push-main",
      "same streams",
    ]);
    expect(countSteps(events.steps)).toEqual({ same: 3, delete: 1 });
    expect(events.result).toBe("failed");
    expect(events.errors[0]).toMatch(/^template \d+ is still bound to outside\.example\.com\/live; nothing was deleted\./);
  });

  it("ignores lines that are not events", () => {
    expect(parseCliEvents('hello\n{"not json\n{"summaryEvent":{"resourceChanges":{"same":1}}}\n', "up").resourceChanges).toEqual({ same: 1 });
  });
});

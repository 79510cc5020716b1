/**
 * The demo's reading of the Pulumi CLI's `Resources:` summary (used when a `pulumi` CLI
 * is on PATH, which the build machines lack): the stack resource is not counted, so
 * both engines report the same numbers.
 */
import { describe, expect, it } from "vitest";
import { cliCounts } from "../../scripts/demo/engines";

describe("reading the Pulumi CLI's resource summary", () => {
  it("leaves out the stack resource created by the first preview or up", () => {
    const output = "Previewing update (dev):\n ...\nOutputs:\n    streamsTemplateId: output<string>\n\nResources:\n    + 6 to create\n";
    expect(cliCounts("preview", output, true)).toEqual({ create: 5 });
  });

  it("counts an update and the unchanged resources, the stack not among them", () => {
    const output = "Updating (dev):\n ...\nResources:\n    ~ 1 updated\n    5 unchanged\n\nDuration: 3s\n";
    expect(cliCounts("up", output, false)).toEqual({ update: 1, same: 4 });
  });

  it("reads refresh updates as drift and deletions as resources gone", () => {
    const output = "Refreshing (dev):\n ...\nResources:\n    ~ 2 updated\n    - 1 deleted\n    3 unchanged\n";
    expect(cliCounts("refresh", output, false)).toEqual({ drift: 2, gone: 1, same: 2 });
  });

  it("leaves out the stack deleted by destroy, and reads only the last summary", () => {
    const output = "Resources:\n    + 9 to create\n\nDestroying (dev):\n ...\nResources:\n    - 4 deleted\n\nDuration: 2s\n";
    expect(cliCounts("destroy", output, false)).toEqual({ delete: 3 });
  });
});

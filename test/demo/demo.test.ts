/**
 * `npm run demo` as a user runs it (after `npm run build`): `node scripts/demo.js` walks
 * examples/basic against its own emulator and exits 0 only when every step behaved.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess, type ProcessResult } from "../../harness";
import { findPulumiCli } from "../../cli-driver/pulumi-cli";

const REPO_ROOT = join(__dirname, "..", "..");
const DEMO = join(REPO_ROOT, "scripts", "demo.js");
const TIMEOUT = 300_000;

function runDemo(args: string[] = []): Promise<ProcessResult> {
  return runProcess(process.execPath, [DEMO, ...args], { cwd: REPO_ROOT });
}

const cli = findPulumiCli();
const ENGINES = [
  { choice: "harness", banner: "pulumi-tencent-css test harness (no Pulumi CLI)" },
  ...(cli.available ? [{ choice: "cli", banner: expect.stringMatching(/^Pulumi CLI v3\.\d+\.\d+ \(local file backend in /) }] : []),
];

describe("npm run demo", () => {
  it("refuses an unknown --engine and prints its usage", async () => {
    const demo = await runDemo(["--engine", "nonsense"]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toContain("usage: node scripts/demo.js [--engine cli|harness] [--fault SPEC]...");
  });

  it.each(ENGINES)(
    "walks examples/basic through every step with --engine $choice, shows the refused delete, and exits 0",
    async ({ choice, banner }) => {
      const demo = await runDemo(["--engine", choice]);
      expect(demo.code, demo.stdout + demo.stderr).toBe(0);
      const engine = /^engine: (.+)$/m.exec(demo.stdout)?.[1];
      expect(engine).toEqual(banner);
      for (let step = 1; step <= 9; step++) expect(demo.stdout).toContain(`━━ Step ${step}/9: `);
      expect(demo.stdout).toMatch(/update.*\[diff: ~streamEndNotifyUrl\]/);
      // Issue 7: a simulated push reaches the receiver, which verifies and prints it.
      expect(demo.stdout).toContain("receiver: verified stream started: push.example.com/live/demo-stream");
      expect(demo.stdout).toContain("✓ the receiver verified the signature with the stack's callback key and got the push event");
      // Every field of both templates, compared with what examples/basic declares, after up, the change and the refused delete.
      expect(demo.stdout.split("✓ prod_streams holds exactly what examples/basic declares, field by field").length - 1).toBe(4);
      expect(demo.stdout.split("✓ prod_recordings holds exactly what examples/basic declares, field by field").length - 1).toBe(4);
      // Every command's output and diagnostics searched for the callback key, the SecretKey and the SecretId.
      const commands = demo.stdout.split("\n").filter((line) => line.startsWith("$ ")).length;
      expect(commands).toBeGreaterThanOrEqual(9);
      expect(demo.stdout.split("✓ no secret in anything it printed (output and diagnostics)").length - 1).toBe(commands);
      expect(demo.stdout).toMatch(/template \d+ is still bound to outside\.example\.com\/live; nothing was deleted/);
      expect(demo.stdout).toContain("✓ prod_recordings still exists in the emulator");
      expect(demo.stdout).toContain("✓ the stack still holds recordings, with its id");
      expect(demo.stdout).not.toContain("✗");
      expect(demo.stdout).not.toContain("demoKey2024");
      expect(demo.stdout).toMatch(/demo passed: 9 steps with /);
    },
    TIMEOUT,
  );

  it(
    "exits non-zero and names the step when the API does not behave",
    async () => {
      const demo = await runDemo(["--engine", "harness", "--fault", "CreateLiveCallbackRule=error:OperationDenied"]);
      expect(demo.code).toBe(1);
      expect(demo.stdout).toContain("emulator fault: CreateLiveCallbackRule=error:OperationDenied");
      expect(demo.stdout).toContain("✗ the command succeeded");
      expect(demo.stdout).toContain("demo FAILED at step 2 (up: two templates and three domain bindings are created)");
      expect(demo.stdout).not.toContain("━━ Step 3/9");
    },
    TIMEOUT,
  );
});

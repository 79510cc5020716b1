"use strict";
/**
 * A zero-dependency `.ts` require hook: every `.ts` file outside node_modules is
 * transpiled to CommonJS/ES2022 with `typescript.transpileModule` (no type checking),
 * which is essentially what Pulumi's Node language host does with ts-node in
 * transpile-only mode. Used for the harness itself and for the Pulumi programs it runs.
 *
 * Output is cached by content hash in `$PULUMI_HARNESS_TS_CACHE` (default: a folder in
 * the OS temp directory), so `typescript` is only loaded when a file changed.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

let installed = false;
let ts;
let compilerOptions;

function typescriptVersion() {
  try {
    return JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

function transpile(source, filename) {
  if (!ts) {
    ts = require("typescript");
    compilerOptions = {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
    };
  }
  return ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
}

/** Installs the hook once per process. `typescript` comes from the harness's own package. */
function register() {
  if (installed) return;
  installed = true;
  const cacheDir = process.env.PULUMI_HARNESS_TS_CACHE || path.join(os.tmpdir(), "pulumi-tencent-css-harness-ts");
  const salt = `v1\0${typescriptVersion()}\0`;
  require.extensions[".ts"] = function compileTypeScript(module, filename) {
    if (filename.split(path.sep).includes("node_modules")) {
      throw new Error(`refusing to transpile ${filename}: packages must ship JavaScript`);
    }
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(salt).update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    let output;
    try {
      output = fs.readFileSync(cached, "utf8");
    } catch {
      output = transpile(source, filename);
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, output);
        fs.renameSync(temporary, cached);
      } catch {
        // A read-only temp directory only costs speed.
      }
    }
    module._compile(output, filename);
  };
}

module.exports = { register };

/**
 * Which room may import which (ARCHITECTURE.md), checked on the code's own imports.
 *
 * A room is a top-level folder. Runtime imports are what matter: a type-only import
 * (`import type`, `export type … from`) is erased by the compiler and loads nothing, so
 * the SDK may check its argument types against the provider's inputs without loading the
 * provider. The table is the whole rule; an arrow not in it fails with the file and line.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..", "..");

/** The rooms each room may load at run time. Rooms not listed here may import nothing of the project. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  // The product: what the package ships in dist/.
  "live-api": [],
  provider: ["live-api"],
  sdk: ["live-api"],
  emulator: ["live-api"],
  review: ["live-api", "provider"],
  recovery: ["live-api", "provider"],
  policy: ["live-api", "provider"],
  "package-provider": ["live-api", "provider"],
  bin: ["emulator", "review", "recovery"],
  // The tools: they drive the product from outside, the way users and the engine do.
  harness: ["live-api", "provider", "emulator"],
  soak: ["live-api", "provider", "emulator", "harness", "cli-driver"],
  "cli-driver": ["harness"],
  scripts: ["live-api", "provider", "sdk", "emulator", "harness", "soak", "cli-driver", "examples"],
};

/** Rooms checked; `test/` may import anything and nothing may import `test/`. */
const CHECKED = Object.keys(MAY_IMPORT);

interface Arrow {
  readonly file: string;
  readonly line: number;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The top-level folder a relative specifier from `file` lands in, or undefined when it stays outside the project. */
function roomOf(file: string, specifier: string): string | undefined {
  const target = relative(ROOT, resolve(dirname(file), specifier));
  if (target.startsWith("..")) return undefined;
  return target.split(sep)[0];
}

/** Every runtime import, re-export and `require` of a relative path in `file`. */
function runtimeArrows(file: string): Arrow[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const arrows: Arrow[] = [];
  const add = (node: ts.Node, specifier: string) => {
    if (!specifier.startsWith(".")) return;
    const to = roomOf(file, specifier);
    if (to) arrows.push({ file: relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, to });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) add(node, node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) add(node, node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      ((ts.isIdentifier(node.expression) && node.expression.text === "require") || node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      add(node, (node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return arrows;
}

function forbiddenArrows(room: string, mayImport: readonly string[] = MAY_IMPORT[room]): string[] {
  const allowed = new Set([room, ...mayImport]);
  const dir = join(ROOT, room);
  let files: string[];
  try {
    files = sourceFiles(dir);
  } catch {
    return [];
  }
  return files
    .filter((file) => !file.includes(`${sep}programs${sep}`))
    .flatMap(runtimeArrows)
    .filter((arrow) => !allowed.has(arrow.to))
    .map((arrow) => `${arrow.file}:${arrow.line} imports ${arrow.to}/`);
}

describe("rooms import only what ARCHITECTURE.md allows", () => {
  for (const room of CHECKED) {
    it(`${room}/ loads only ${MAY_IMPORT[room].length > 0 ? MAY_IMPORT[room].join(", ") : "nothing of the project"}`, () => {
      expect(forbiddenArrows(room)).toEqual([]);
    });
  }

  it("the check reports an arrow the table does not allow, with its file and line", () => {
    // The emulator loads live-api/; with a table that allowed it nothing, those arrows are reported.
    const reported = forbiddenArrows("emulator", []);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((line) => /^emulator\/.+:\d+ imports live-api\/$/.test(line))).toBe(true);
  });

  it("type-only imports load nothing and are allowed", () => {
    const arrows = runtimeArrows(join(ROOT, "soak", "stack-plan.ts"));
    // stack-plan.ts only imports the StackSpec type from the harness.
    expect(arrows.filter((arrow) => arrow.to === "harness")).toEqual([]);
  });
});

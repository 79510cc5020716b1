/**
 * The package schema (package-provider/schema.ts) and the TypeScript SDK describe the same
 * resources: every argument of `CallbackTemplateArgs` and `DomainBindingArgs` is an input
 * of the schema with the same description (the SDK's TSDoc, `{@link X}` read as `X`), and
 * nothing else is.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { BINDING_INPUTS, TEMPLATE_INPUTS, packageSchema } from "../../package-provider/schema";

const ROOT = join(__dirname, "..", "..");

/** Property name → its TSDoc text, whitespace collapsed, for one exported interface. */
function tsdocOf(file: string, name: string): Record<string, string> {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
  const docs: Record<string, string> = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== name) return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const comment = ts.getJSDocCommentsAndTags(member).map((doc) => ts.getTextOfJSDocComment((doc as ts.JSDoc).comment) ?? "").join(" ");
      docs[(member.name as ts.Identifier).text] = comment.replace(/\{@link (\w+)\}/g, "$1").replace(/\s+/g, " ").trim();
    }
  });
  return docs;
}

const descriptions = (inputs: Record<string, { description: string }>) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.description]));

describe("the package schema and the TypeScript SDK", () => {
  it("give CallbackTemplate the same inputs with the same descriptions", () => {
    expect(descriptions(TEMPLATE_INPUTS)).toEqual(tsdocOf("sdk/callback-template.ts", "CallbackTemplateArgs"));
  });

  it("give DomainBinding the same inputs with the same descriptions", () => {
    expect(descriptions(BINDING_INPUTS)).toEqual(tsdocOf("sdk/domain-binding.ts", "DomainBindingArgs"));
  });

  it("marks the callback key and the secret provider settings secret, and names the package's version", () => {
    const schema = packageSchema() as any;
    expect(schema.resources["tencent-css:index:CallbackTemplate"].inputProperties.callbackKey.secret).toBe(true);
    expect(schema.resources["tencent-css:index:CallbackTemplate"].properties.templateId.type).toBe("integer");
    expect(schema.config.variables.secretKey.secret).toBe(true);
    expect(schema.version).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
  });
});

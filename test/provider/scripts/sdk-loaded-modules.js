// Prints, as JSON, the files of this package and the dependencies a program loads when it
// only declares resources: a CallbackTemplate and a DomainBinding under Pulumi's mocks,
// in a plain Node process, as a Pulumi program runs. The provider's code belongs in the
// dynamic-provider process (the shim in each resource's state loads it there).
const { dirname, join, relative, sep } = require("node:path");
const pulumi = require("@pulumi/pulumi");

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: args.type.endsWith("CallbackTemplate") ? "1" : "push.example.com/live", state: args.inputs }),
    call: () => ({}),
  },
  "project",
  "stack",
  false,
);

const sdk = require("pulumi-tencent-css");

(async () => {
  const template = new sdk.CallbackTemplate("hooks", { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/b" });
  const binding = new sdk.DomainBinding("push", { domainName: "push.example.com", templateId: template.templateId });
  await new Promise((resolve) => binding.urn.apply(resolve));
  const dist = join(dirname(require.resolve("pulumi-tencent-css/package.json")), "dist") + sep;
  const files = Object.keys(require.cache);
  process.stdout.write(
    JSON.stringify({
      packageFiles: files.filter((f) => f.startsWith(dist)).map((f) => relative(dist, f).split(sep).join("/")),
      zod: files.some((f) => f.includes(`${sep}node_modules${sep}zod${sep}`)),
    }),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Prints, as JSON, the `__provider` each resource type registers with the engine: a
// program creates a CallbackTemplate and a DomainBinding under Pulumi's mocks, with
// credentials present in the environment and in the provider's stack config, and the
// mock's newResource records what arrived. Runs in a plain Node process so that nothing
// but Node loads the built package. Also says whether the closure serializer ran: it
// loads runtime/closure/v8Hooks.js only to open its V8 inspector session, which stays open.
const pulumi = require("@pulumi/pulumi");
const provider = require("pulumi-tencent-css/provider");

provider.setStackConfig({
  "tencentcloud:secretId": process.env.TENCENTCLOUD_SECRET_ID,
  "tencentcloud:secretKey": process.env.TENCENTCLOUD_SECRET_KEY,
});
// Build a client so one exists in memory while the resources register.
provider.liveClient();

const registered = {};
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered[args.type] = args.inputs.__provider;
      return { id: args.type.endsWith("CallbackTemplate") ? "1" : "push.example.com/live", state: args.inputs };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  false,
);

const sdk = require("pulumi-tencent-css");

(async () => {
  const template = new sdk.CallbackTemplate("hooks", { templateName: "hooks", callbackKey: "k" });
  const binding = new sdk.DomainBinding("push", { domainName: "push.example.com", templateId: template.templateId });
  await new Promise((resolve) => binding.urn.apply(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const inspectorOpened = Object.keys(require.cache).some((file) => file.endsWith("runtime/closure/v8Hooks.js"));
  process.stdout.write(
    JSON.stringify({
      template: registered["pulumi-nodejs:dynamic/tencent-css:CallbackTemplate"],
      binding: registered["pulumi-nodejs:dynamic/tencent-css:DomainBinding"],
      inspectorOpened,
    }),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Serializes both providers exactly as dynamic.Resource does, with credentials present
// in the environment and in the provider's stack config, and prints the texts as JSON.
// Runs in a plain Node process so that nothing but Node loads the package.
const pulumi = require("@pulumi/pulumi");
const sdk = require("pulumi-tencent-css");
const provider = require("pulumi-tencent-css/provider");

provider.setStackConfig({
  "tencentcloud:secretId": process.env.TENCENTCLOUD_SECRET_ID,
  "tencentcloud:secretKey": process.env.TENCENTCLOUD_SECRET_KEY,
});
// Build a client so one exists in memory while serializing.
provider.liveClient();

async function serialize(p) {
  const captured = p;
  return (await pulumi.runtime.serializeFunction(() => captured, { allowSecrets: true })).text;
}

(async () => {
  const out = {
    template: await serialize(sdk.callbackTemplateProvider),
    binding: await serialize(sdk.domainBindingProvider),
  };
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

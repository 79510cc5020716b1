// Loads a serialized provider the way Pulumi's dynamic-provider host does
// (require-from-string, module paths from the working directory), configures it with
// stack config, and drives check → create → read → delete. Prints the results as JSON.
const requireFromString = require("require-from-string");

const [text, configJson] = [process.env.PROVIDER_TEXT, process.env.STACK_CONFIG];
const config = JSON.parse(configJson);

(async () => {
  const provider = requireFromString(text).handler();
  await provider.configure({ config: { get: (key) => config[key] } });
  const inputs = { templateName: "from_fresh_process", streamBeginNotifyUrl: "https://h.example.com/b", callbackKey: "k1" };
  const checked = await provider.check({}, inputs);
  const created = await provider.create(checked.inputs);
  const read = await provider.read(created.id, created.outs);
  await provider.delete(created.id, created.outs);
  const gone = await provider.read(created.id, created.outs);
  process.stdout.write(JSON.stringify({ failures: checked.failures, created, read, gone }));
})().catch((error) => {
  console.error(error && error.message);
  process.exit(1);
});

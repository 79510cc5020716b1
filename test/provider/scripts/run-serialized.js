// Loads both serialized providers the way Pulumi's dynamic-provider host does
// (require-from-string, module paths from the working directory, configure first), and
// drives every hook of each: check → create → diff → update → read → delete → read.
// Prints the results as JSON.
const requireFromString = require("require-from-string");

const texts = JSON.parse(process.env.PROVIDER_TEXTS);
const config = JSON.parse(process.env.STACK_CONFIG);

async function load(text) {
  const provider = requireFromString(text).handler();
  await provider.configure({ config: { get: (key) => config[key] } });
  return provider;
}

/** One resource through every hook; `change` is the input an update changes. */
async function lifecycle(provider, inputs, change) {
  const checked = await provider.check({}, inputs);
  const created = await provider.create(checked.inputs);
  const changed = { ...checked.inputs, ...change };
  const diff = await provider.diff(created.id, created.outs, changed);
  const updated = await provider.update(created.id, created.outs, changed);
  const read = await provider.read(created.id, updated.outs);
  return { failures: checked.failures, created, diff, updated, read };
}

(async () => {
  const template = await load(texts.template);
  const binding = await load(texts.binding);
  const t = await lifecycle(
    template,
    { templateName: "from_fresh_process", streamBeginNotifyUrl: "https://h.example.com/b", callbackKey: "k1" },
    { streamEndNotifyUrl: "https://h.example.com/e" },
  );
  // A second template for the binding to be re-pointed to.
  const other = await template.create({ templateName: "other_template", streamEndNotifyUrl: "https://other.example.com/e" });
  const b = await lifecycle(
    binding,
    { domainName: "fresh.example.com", appName: "live", templateId: t.created.outs.templateId },
    { templateId: other.outs.templateId },
  );
  await binding.delete(b.created.id, b.read.props);
  await template.delete(other.id, other.outs);
  await template.delete(t.created.id, t.read.props);
  const gone = { template: await template.read(t.created.id, t.read.props), binding: await binding.read(b.created.id, b.read.props) };
  process.stdout.write(JSON.stringify({ template: t, binding: b, gone }));
})().catch((error) => {
  console.error(error && error.message);
  process.exit(1);
});

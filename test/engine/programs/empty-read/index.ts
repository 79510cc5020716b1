/**
 * Test program: `Resource.get` of an id through a dynamic provider whose `read` answers
 * an empty id and no properties, as a provider says "no such object". The engine does
 * not fail such a read (its ReadStep fails only on an answer with no properties at all,
 * and the host always sends `__provider`); the id stays the one asked for.
 */
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create() {
    throw new Error("this program only reads");
  },
  async read() {
    return { id: "", props: {} };
  },
};

class Thing extends pulumi.dynamic.Resource {
  declare readonly label: pulumi.Output<string | undefined>;
  constructor(name: string, id: string) {
    super(provider, name, { label: undefined }, { id });
  }
}

const thing = new Thing("missing", "no-such-id");

/** The id the program sees. */
export const thingId = thing.id;
/** An output the provider did not answer. */
export const thingLabel = thing.label.apply((label) => label ?? "(none)");

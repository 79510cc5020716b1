/**
 * The harness's checkpoint: a versioned JSON file holding what a Pulumi backend keeps
 * for one stack (resources with inputs, outputs and dependencies, plus stack outputs).
 *
 * Secrets never reach the file in plain text. Like Pulumi's passphrase secrets
 * provider, each secret is stored as
 * `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:<iv>:<data+tag>"}`,
 * encrypted with AES-256-GCM under a key derived with scrypt from the passphrase in
 * `PULUMI_CONFIG_PASSPHRASE`, or from {@link DEFAULT_PASSPHRASE} when that is unset.
 * The salt (and a check value, so a wrong passphrase fails clearly) is in `encryptionSalt`.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SECRET_SIG, SIG_KEY, type PropertyMap, type PropertyValue } from "./properties";

/** The checkpoint format version this harness reads and writes. */
export const CHECKPOINT_VERSION = 1;

/** Passphrase used when `PULUMI_CONFIG_PASSPHRASE` is unset: for tests and demos only. */
export const DEFAULT_PASSPHRASE = "pulumi-tencent-css-test-harness";

/** One resource in a stack's state. */
export interface ResourceState {
  urn: string;
  /** Full type token, e.g. `pulumi-nodejs:dynamic/tencent-css:CallbackTemplate`. */
  type: string;
  name: string;
  /** False for components and the stack itself. */
  custom: boolean;
  id?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Read with `Resource.get` or a StackReference: never deleted by this stack. */
  external?: boolean;
  additionalSecretOutputs?: string[];
  protect?: boolean;
  /** Deleting it removes it from the stack only; the provider's Delete is not called. */
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  /** The old half of a replacement whose delete has not succeeded yet. */
  pendingDelete?: boolean;
}

/** A stack's state in memory (secrets decrypted, as secret markers). */
export interface Checkpoint {
  version: number;
  project: string;
  stack: string;
  stackOutputs: PropertyMap;
  resources: ResourceState[];
  /**
   * The config the dynamic provider was last configured with by a program run: the whole
   * stack config, secrets as secrets. The engine keeps it as the inputs of the default
   * `pulumi:providers:pulumi-nodejs` provider and configures refresh and destroy from it.
   */
  providerConfig?: PropertyMap;
}

interface CheckpointFile extends Checkpoint {
  /** `v1:<salt>:<encrypted check value>`, like Pulumi's `encryptionsalt`. */
  encryptionSalt: string;
  engine: string;
  updatedAt: string;
}

/** A checkpoint with nothing in it. */
export function emptyCheckpoint(project: string, stack: string): Checkpoint {
  return { version: CHECKPOINT_VERSION, project, stack, stackOutputs: {}, resources: [] };
}

const CHECK_VALUE = "pulumi";

class SecretsCrypter {
  private readonly key: Buffer;
  constructor(passphrase: string, salt: Buffer) {
    this.key = scryptSync(passphrase, salt, 32);
  }
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${iv.toString("base64")}:${data.toString("base64")}`;
  }
  decrypt(ciphertext: string): string {
    const [version, iv, data] = ciphertext.split(":");
    if (version !== "v1" || !iv || !data) throw new Error("unrecognized secret ciphertext in checkpoint");
    const bytes = Buffer.from(data, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  }
}

function passphrase(env: NodeJS.ProcessEnv): string {
  return env.PULUMI_CONFIG_PASSPHRASE ?? DEFAULT_PASSPHRASE;
}

function crypterFor(encryptionSalt: string, env: NodeJS.ProcessEnv): SecretsCrypter {
  const [, salt, ...check] = encryptionSalt.split(":");
  const crypter = new SecretsCrypter(passphrase(env), Buffer.from(salt ?? "", "base64"));
  try {
    if (crypter.decrypt(`v1:${check.join(":")}`) === CHECK_VALUE) return crypter;
  } catch {
    // fall through to the message below
  }
  throw new Error("incorrect passphrase: set PULUMI_CONFIG_PASSPHRASE to the one this checkpoint was written with");
}

function mapSecrets(value: PropertyValue, transform: (secretObject: { [key: string]: PropertyValue }) => PropertyValue): PropertyValue {
  if (Array.isArray(value)) return value.map((inner) => mapSecrets(inner, transform));
  if (value === null || typeof value !== "object") return value;
  if (value[SIG_KEY] === SECRET_SIG) return transform(value);
  const out: PropertyMap = {};
  for (const [key, inner] of Object.entries(value)) out[key] = mapSecrets(inner, transform);
  return out;
}

function mapResources(checkpoint: Checkpoint, transform: (value: PropertyValue) => PropertyValue): Checkpoint {
  const map = (props: PropertyMap) => transform(props) as PropertyMap;
  return {
    ...checkpoint,
    stackOutputs: map(checkpoint.stackOutputs),
    ...(checkpoint.providerConfig ? { providerConfig: map(checkpoint.providerConfig) } : {}),
    resources: checkpoint.resources.map((r) => ({ ...r, inputs: map(r.inputs), outputs: map(r.outputs) })),
  };
}

/**
 * Per file: its salt and derived key, and the JSON text of every resource state already
 * read or written. A state object is never changed once made (a changed resource is a
 * new object), so the text of an unchanged resource is reused by the next save instead
 * of being encrypted and stringified again: a save costs one string join and one write.
 */
interface FileWriter {
  readonly salt: string;
  readonly crypter: SecretsCrypter;
  readonly resourceJson: WeakMap<ResourceState, string>;
}
const writers = new Map<string, FileWriter>();

/** Reads a checkpoint, decrypting its secrets; `undefined` when the file does not exist. */
export function loadCheckpoint(file: string, env: NodeJS.ProcessEnv = process.env): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const stored = JSON.parse(text) as CheckpointFile;
  if (stored.version !== CHECKPOINT_VERSION) {
    throw new Error(`${file}: checkpoint version ${stored.version} is not supported (expected ${CHECKPOINT_VERSION})`);
  }
  const crypter = crypterFor(stored.encryptionSalt, env);
  const decrypted = mapResources(stored, (value) =>
    mapSecrets(value, (s) => ({ [SIG_KEY]: SECRET_SIG, value: JSON.parse(crypter.decrypt(String(s.ciphertext))) as PropertyValue })),
  );
  // The next save of this file needs neither the salt read again nor another scrypt, and
  // writes unchanged resources exactly as they were read (same ciphertexts).
  if (!writers.has(file)) {
    const resourceJson = new WeakMap<ResourceState, string>();
    decrypted.resources.forEach((r, i) => resourceJson.set(r, JSON.stringify(stored.resources[i])));
    writers.set(file, { salt: stored.encryptionSalt, crypter, resourceJson });
  }
  return {
    version: decrypted.version,
    project: decrypted.project,
    stack: decrypted.stack,
    stackOutputs: decrypted.stackOutputs,
    resources: decrypted.resources,
    ...(decrypted.providerConfig ? { providerConfig: decrypted.providerConfig } : {}),
  };
}

function writerFor(file: string, env: NodeJS.ProcessEnv): FileWriter {
  let entry = writers.get(file);
  if (entry) return entry;
  let salt: string | undefined;
  try {
    salt = (JSON.parse(readFileSync(file, "utf8")) as CheckpointFile).encryptionSalt;
  } catch {
    salt = undefined;
  }
  if (salt) {
    entry = { salt, crypter: crypterFor(salt, env), resourceJson: new WeakMap() };
  } else {
    const saltBytes = randomBytes(16);
    const crypter = new SecretsCrypter(passphrase(env), saltBytes);
    const check = crypter.encrypt(CHECK_VALUE).slice("v1:".length);
    entry = { salt: `v1:${saltBytes.toString("base64")}:${check}`, crypter, resourceJson: new WeakMap() };
  }
  writers.set(file, entry);
  return entry;
}

/**
 * Writes a checkpoint atomically (temporary file, then rename), encrypting every secret.
 * An existing file's salt is kept, so its passphrase stays the one to use. The JSON is
 * compact: at 1,000 resources pretty-printing added a third to every write.
 */
export function saveCheckpoint(file: string, checkpoint: Checkpoint, env: NodeJS.ProcessEnv = process.env): void {
  const writer = writerFor(file, env);
  const encryptValue = (value: PropertyValue) =>
    mapSecrets(value, (s) => ({ [SIG_KEY]: SECRET_SIG, ciphertext: writer.crypter.encrypt(JSON.stringify(s.value ?? null)) }));
  const resources = checkpoint.resources.map((r) => {
    let json = writer.resourceJson.get(r);
    if (json === undefined) {
      json = JSON.stringify({ ...r, inputs: encryptValue(r.inputs), outputs: encryptValue(r.outputs) });
      writer.resourceJson.set(r, json);
    }
    return json;
  });
  const head: Omit<CheckpointFile, "resources"> = {
    version: CHECKPOINT_VERSION,
    engine: "pulumi-tencent-css test harness",
    updatedAt: new Date().toISOString(),
    encryptionSalt: writer.salt,
    project: checkpoint.project,
    stack: checkpoint.stack,
    stackOutputs: encryptValue(checkpoint.stackOutputs) as PropertyMap,
    ...(checkpoint.providerConfig ? { providerConfig: encryptValue(checkpoint.providerConfig) as PropertyMap } : {}),
  };
  // `{...head,"resources":[...]}`: the same object JSON.stringify(stored) would give.
  const text = `${JSON.stringify(head).slice(0, -1)},"resources":[${resources.join(",")}]}\n`;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * Durable state in one JSON file. A save writes a temporary file in the same
 * directory, fsyncs it, renames it over the target and fsyncs the directory, so the
 * file always holds either the previous or the new state, even after `kill -9` or a
 * power cut, and a save that resolved is on disk.
 */
import { randomBytes } from "node:crypto";
import { open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { EmulatorState } from "../model";
import { deserializeState, serializeState } from "./state-schema";

/** Where the emulator keeps its state between runs. */
export class StateFile {
  /** Absolute path of the state file. */
  readonly path: string;

  /** @param path - The state file; its directory must exist. */
  constructor(path: string) {
    this.path = resolve(path);
  }

  /**
   * Reads the saved state, or `undefined` when the file does not exist yet. Throws
   * when the file exists but is not a valid state file (never silently starts empty).
   * Also removes temporary files a killed process left behind.
   */
  async load(): Promise<EmulatorState | undefined> {
    await this.removeStaleTempFiles();
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return deserializeState(text);
    } catch (error) {
      throw new Error(`cannot load state file ${this.path}: ${(error as Error).message}`);
    }
  }

  /** Replaces the file's content with `state` atomically and durably. */
  async save(state: EmulatorState): Promise<void> {
    const temp = join(dirname(this.path), `${this.tempPrefix()}${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    const file = await open(temp, "w", 0o600);
    try {
      await file.writeFile(serializeState(state), "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    // The rename is only durable once the directory entry is flushed.
    const dir = await open(dirname(this.path), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  private tempPrefix(): string {
    return `.${basename(this.path)}.`;
  }

  private async removeStaleTempFiles(): Promise<void> {
    const prefix = this.tempPrefix();
    let names: string[];
    try {
      names = await readdir(dirname(this.path));
    } catch {
      return;
    }
    await Promise.all(
      names
        .filter((n) => n.startsWith(prefix) && n.endsWith(".tmp"))
        .map((n) => unlink(join(dirname(this.path), n)).catch(() => undefined)),
    );
  }
}

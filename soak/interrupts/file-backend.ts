/**
 * What a SIGKILL can leave in a file (`file://`) backend besides a lock: an empty
 * `<stack>.json.attrs`. The backend writes each blob's attributes next to it with
 * `os.Create` then an encode (gocloud.dev fileblob `setAttrs`, before it renames the new
 * checkpoint into place), so a kill between the two leaves the attributes empty, and every
 * later command fails with `error: failed to load checkpoint: EOF`. The checkpoint itself
 * is whole (the old one, or the new one already renamed); a missing attributes file is
 * read as defaults. So the fix a user makes, and this soak makes, is to delete the empty
 * file.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** The message of a command that met an empty attributes file. */
export const EMPTY_ATTRS_ERROR = /failed to load checkpoint: EOF/;

/** Deletes the empty `.attrs` files under the backend's `.pulumi/stacks`; answers their paths. */
export function removeEmptyAttrs(backendDir: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith(".attrs") && stat.size === 0) {
        rmSync(path);
        removed.push(path);
      }
    }
  };
  walk(join(backendDir, ".pulumi", "stacks"));
  return removed;
}

/**
 * The on-disk format of `--state-file`: `{"format":1,"state":EmulatorState}`.
 * Checked on load, so a hand-edited or foreign file fails loudly instead of
 * becoming a half-valid state.
 */
import { z } from "zod";
import { RECORD_EXCEPTION_LEVELS, TEMPLATE_FIELDS, type TemplateFieldRow } from "../../live-api";
import type { EmulatorState } from "../model";

/** Version of the file layout; bump when it changes incompatibly. */
export const STATE_FILE_FORMAT = 1;

const levels = () => z.array(z.enum(RECORD_EXCEPTION_LEVELS));

// Every field of the table, as the model stores it.
const template = z.strictObject({
  TemplateId: z.number().int().positive(),
  ...(Object.fromEntries(TEMPLATE_FIELDS.map((row: TemplateFieldRow) => [row.field, row.kind === "levels" ? levels() : z.string()])) as {
    [R in TemplateFieldRow as R["field"]]: R["kind"] extends "levels" ? ReturnType<typeof levels> : z.ZodString;
  }),
});

const rule = z.strictObject({
  DomainName: z.string(),
  AppName: z.string(),
  TemplateId: z.number().int(),
  CreateTime: z.string(),
  UpdateTime: z.string(),
});

/** Schema of the whole file. */
export const StateFileSchema = z.strictObject({
  format: z.literal(STATE_FILE_FORMAT),
  state: z.strictObject({
    nextTemplateId: z.number().int().positive(),
    templates: z.array(template),
    rules: z.array(rule),
  }),
});

/** The file's JSON text for `state`. */
export function serializeState(state: EmulatorState): string {
  return `${JSON.stringify({ format: STATE_FILE_FORMAT, state }, null, 2)}\n`;
}

/** Parses and checks a file's text; throws with the zod issue list when it is not a state file. */
export function deserializeState(text: string): EmulatorState {
  const parsed = StateFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`not an emulator state file: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.state;
}

/**
 * The eight Live API actions this package uses (API version 2018-08-01, in `tc3.ts`) and
 * the account quotas the reference documents for them. The client paces itself by these
 * quotas and the emulator enforces them, so both read the same numbers from here.
 */

/** The eight actions this package uses. */
export const LIVE_CALLBACK_ACTIONS = [
  "CreateLiveCallbackTemplate",
  "ModifyLiveCallbackTemplate",
  "DeleteLiveCallbackTemplate",
  "DescribeLiveCallbackTemplate",
  "DescribeLiveCallbackTemplates",
  "CreateLiveCallbackRule",
  "DeleteLiveCallbackRule",
  "DescribeLiveCallbackRules",
] as const;
/** One of the eight actions. */
export type LiveCallbackAction = (typeof LIVE_CALLBACK_ACTIONS)[number];

/** Actions that change state; the others only read. */
export const WRITE_ACTIONS: ReadonlySet<LiveCallbackAction> = new Set([
  "CreateLiveCallbackTemplate",
  "ModifyLiveCallbackTemplate",
  "DeleteLiveCallbackTemplate",
  "CreateLiveCallbackRule",
  "DeleteLiveCallbackRule",
]);

/** The documented per-account quota of a write action, in requests per second. */
export const WRITE_ACTION_RATE_LIMIT = 200;
/** The documented per-account quota of a Describe action, in requests per second. */
export const READ_ACTION_RATE_LIMIT = 500;

/** The documented per-account, per-action quotas in requests per second. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<LiveCallbackAction, number>> = Object.freeze(
  Object.fromEntries(
    LIVE_CALLBACK_ACTIONS.map((action) => [action, WRITE_ACTIONS.has(action) ? WRITE_ACTION_RATE_LIMIT : READ_ACTION_RATE_LIMIT]),
  ) as Record<LiveCallbackAction, number>,
);

/** Callback templates allowed per account; a create past it fails with `InternalError.ConfOutLimit`. */
export const TEMPLATE_LIMIT = 50;

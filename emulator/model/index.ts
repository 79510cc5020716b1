/**
 * The emulator's state model: plain data and pure functions, no HTTP.
 */
export * from "./errors";
export * from "./state";
export * from "./templates";
export * from "./rules";
export * from "./beijing-time";

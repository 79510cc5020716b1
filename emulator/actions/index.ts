/**
 * The action layer: the eight Live callback actions by name.
 */
import { LIVE_CALLBACK_ACTIONS, type LiveCallbackAction } from "../../live-api/actions";
import { createLiveCallbackRule, deleteLiveCallbackRule, describeLiveCallbackRules } from "./rules";
import {
  createLiveCallbackTemplate,
  deleteLiveCallbackTemplate,
  describeLiveCallbackTemplate,
  describeLiveCallbackTemplates,
  modifyLiveCallbackTemplate,
} from "./templates";
import type { ActionDefinition } from "./types";

export type { ActionContext, ActionDefinition, ActionResult } from "./types";
export { ruleInfo, templateInfo } from "./response-shapes";

/** Every action the emulator implements. */
export const LIVE_ACTIONS: Readonly<Record<LiveCallbackAction, ActionDefinition>> = {
  CreateLiveCallbackTemplate: createLiveCallbackTemplate,
  ModifyLiveCallbackTemplate: modifyLiveCallbackTemplate,
  DeleteLiveCallbackTemplate: deleteLiveCallbackTemplate,
  DescribeLiveCallbackTemplate: describeLiveCallbackTemplate,
  DescribeLiveCallbackTemplates: describeLiveCallbackTemplates,
  CreateLiveCallbackRule: createLiveCallbackRule,
  DeleteLiveCallbackRule: deleteLiveCallbackRule,
  DescribeLiveCallbackRules: describeLiveCallbackRules,
};

/** True for the eight action names (case-sensitive, as the API is). */
export function isLiveCallbackAction(name: string): name is LiveCallbackAction {
  return (LIVE_CALLBACK_ACTIONS as readonly string[]).includes(name);
}

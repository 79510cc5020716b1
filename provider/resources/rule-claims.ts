/**
 * Which callback rules this stack holds, as far as one deployment can know: the one place
 * the "whose rule is it?" question is answered for DomainBinding.
 *
 * A rule in Tencent's API carries no owner: (domain, app) → template, with two times. Two
 * stacks that bind the same (domain, app) to the same template would share it silently,
 * and destroying either would unbind the other. So a binding's create takes a rule that
 * already exists only when this stack is known to hold it, or with `adopt: true`:
 *
 * - **Held**: the engine's Check of a binding already in the stack passes its old inputs;
 *   the rule they name is this stack's. That covers updates, and the `up` after a
 *   replacement was interrupted between its create and its delete. A forced replacement
 *   (`--replace`, `--target-replace`) is checked with no old inputs (the real engine
 *   re-checks a resource it will replace as if it were new), so it is not held: refused
 *   like a rename, unless `adopt: true`.
 * - **Wanted**: the rule each binding of this deployment declares (Check, before any
 *   delete). A delete leaves a rule alone while a binding of this deployment wants it with
 *   the same template, so a replacement's old half does not unbind the new half.
 *
 * What cannot be known: a binding renamed without an alias (or force-replaced) is a new
 * resource (no old inputs) and its create runs before the old one's delete, exactly like a
 * second stack claiming the rule. It is refused with a message naming `aliases` and `pulumi state
 * rename`; nothing is unbound, and `plan-check` reports it at preview.
 *
 * One provider process serves one deployment, so module state is per deployment. `pulumi
 * destroy` checks nothing: it deletes every rule it holds.
 */
import { containsUnknown } from "../unknown";
import { bindingId } from "./rules";

const wanted = new Map<string, Set<number>>();
const held = new Map<string, Set<number>>();

function note(map: Map<string, Set<number>>, domainName: unknown, appName: unknown, templateId: unknown): void {
  if (typeof domainName !== "string" || typeof appName !== "string" || typeof templateId !== "number") return;
  if (containsUnknown(domainName) || containsUnknown(appName)) return;
  const id = bindingId(domainName, appName);
  let templates = map.get(id);
  if (!templates) map.set(id, (templates = new Set()));
  templates.add(templateId);
}

/** Notes the rule a valid binding of this deployment declares. */
export function noteWantedRule(domainName: unknown, appName: unknown, templateId: unknown): void {
  note(wanted, domainName, appName, templateId);
}

/** Notes the rule a binding already in this stack holds (its old inputs, from Check). */
export function noteHeldRule(olds: Readonly<Record<string, unknown>>, defaultAppName: string): void {
  note(held, olds.domainName, olds.appName ?? defaultAppName, olds.templateId);
}

/** True when a binding of this deployment wants the rule on `id` to point at `templateId`. */
export function ruleWantedInThisDeployment(id: string, templateId: unknown): boolean {
  return typeof templateId === "number" && (wanted.get(id)?.has(templateId) ?? false);
}

/** True when a binding already in this stack holds the rule on `id` (at whatever template). */
export function ruleHeldByThisStack(id: string): boolean {
  return (held.get(id)?.size ?? 0) > 0;
}

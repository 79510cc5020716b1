/**
 * The stacks a soak deploys, as `spec` values of the engine tests' `callbacks` program:
 * the first stack, and the changed one (URLs changed, bindings re-pointed, bindings and
 * one template removed with its bindings, templates and bindings added).
 *
 * Names are unique and derived from indexes, so the desired cloud state can be computed
 * from a spec alone (see invariants.ts).
 */
import type { StackSpec } from "../harness/stack-fixture";

/** Stack size. */
export interface SoakSize {
  readonly templates: number;
  readonly bindings: number;
}

type TemplateSpec = NonNullable<StackSpec["templates"]>[string];
type BindingSpec = NonNullable<StackSpec["bindings"]>[string];

/** Template `t<i>`'s settings: a mix of URLs, levels, descriptions and callback keys. */
function templateSpec(i: number): TemplateSpec {
  const spec: TemplateSpec = { templateName: `soak_t${i}`, streamBeginNotifyUrl: `https://hooks.example.com/t${i}/begin` };
  if (i % 2 === 0) spec.streamEndNotifyUrl = `https://hooks.example.com/t${i}/end`;
  if (i % 3 === 0) {
    spec.recordExceptionNotifyUrl = `https://hooks.example.com/t${i}/record-exception`;
    spec.recordExceptionLevels = i % 2 === 0 ? ["error", "warning"] : ["info"];
  }
  if (i % 4 === 0) spec.recordStatusNotifyUrl = `https://hooks.example.com/t${i}/record-status`;
  if (i % 5 === 0) spec.description = `soak_template_${i}`;
  if (i % 7 === 0) spec.withCallbackKey = true;
  return spec;
}

/** Binding `b<j>` on its own (domain, app), pointing at template `t<template>`. */
function bindingSpec(j: number, template: number): BindingSpec {
  const binding: BindingSpec = { domainName: `d${j}.soak.example.com`, template: `t${template}` };
  if (j % 3 === 1) binding.appName = `app${j % 5}`;
  return binding;
}

/** The first stack: `templates` templates and `bindings` bindings spread over them. */
export function initialSpec(size: SoakSize): StackSpec {
  if (size.templates < 1) throw new RangeError("a soak needs at least one template");
  const templates: Record<string, TemplateSpec> = {};
  for (let i = 0; i < size.templates; i++) templates[`t${i}`] = templateSpec(i);
  const bindings: Record<string, BindingSpec> = {};
  for (let j = 0; j < size.bindings; j++) bindings[`b${j}`] = bindingSpec(j, j % size.templates);
  return { templates, bindings };
}

/** What {@link modifiedSpec} changed, for the report. */
export interface Modification {
  readonly urlsChanged: number;
  readonly repointed: number;
  readonly bindingsRemoved: number;
  readonly templatesRemoved: number;
  readonly templatesAdded: number;
  readonly bindingsAdded: number;
}

/**
 * The changed stack. With one template only, nothing is removed or re-pointed (a
 * binding needs a template to point at).
 */
export function modifiedSpec(size: SoakSize): { spec: StackSpec; modification: Modification } {
  const before = initialSpec(size);
  const templates: Record<string, TemplateSpec> = { ...before.templates };
  const bindings: Record<string, BindingSpec> = { ...before.bindings };
  const removable = size.templates >= 2;
  const removedTemplate = removable ? `t${size.templates - 1}` : undefined;
  const keep = removable ? size.templates - 1 : size.templates;
  let urlsChanged = 0;
  let repointed = 0;
  let bindingsRemoved = 0;

  for (let i = 0; i < keep; i++) {
    if (i % 4 !== 1 && !(size.templates < 4 && i === 0)) continue;
    const changed: TemplateSpec = { ...templates[`t${i}`]!, streamBeginNotifyUrl: `https://hooks.example.com/t${i}/begin-v2` };
    // Half of them also gain one URL and lose another, so Modify must clear a field.
    if (i % 8 === 1) {
      changed.snapshotNotifyUrl = `https://hooks.example.com/t${i}/snapshot`;
      delete changed.recordExceptionNotifyUrl;
      delete changed.recordExceptionLevels;
      delete changed.streamEndNotifyUrl;
    }
    templates[`t${i}`] = changed;
    urlsChanged++;
  }
  if (removedTemplate) {
    delete templates[removedTemplate];
    for (const [name, binding] of Object.entries(bindings)) {
      if (binding.template === removedTemplate) {
        delete bindings[name];
        bindingsRemoved++;
      }
    }
  }
  for (let j = 0; j < size.bindings; j++) {
    const binding = bindings[`b${j}`];
    if (!binding) continue;
    if (j % 20 === 7) {
      delete bindings[`b${j}`];
      bindingsRemoved++;
    } else if (j % 10 === 3 && keep >= 2) {
      const current = Number(binding.template!.slice(1));
      bindings[`b${j}`] = { ...binding, template: `t${(current + 1) % keep}` };
      repointed++;
    }
  }
  const templatesAdded = Math.max(1, Math.ceil(size.templates / 10));
  for (let k = 0; k < templatesAdded; k++) templates[`t${size.templates + k}`] = templateSpec(size.templates + k);
  const bindingsAdded = Math.max(1, Math.ceil(size.bindings / 10));
  for (let k = 0; k < bindingsAdded; k++) {
    // Every other new binding goes to a new template, the rest to kept ones.
    const template = k % 2 === 0 ? size.templates + (k / 2) % templatesAdded : k % keep;
    bindings[`b${size.bindings + k}`] = bindingSpec(size.bindings + k, template);
  }
  return {
    spec: { templates, bindings },
    modification: { urlsChanged, repointed, bindingsRemoved, templatesRemoved: removedTemplate ? 1 : 0, templatesAdded, bindingsAdded },
  };
}

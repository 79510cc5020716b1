/**
 * A CallbackTemplate's properties to and from the Live API's fields, by live-api's field
 * table: the Create and Modify requests, and the properties a described template (or any
 * record in API field names) stands for.
 *
 * The table is read on every call, never copied into a map of our own: it is the one
 * place that says which property lands in which field.
 */
import { TEMPLATE_PROPERTY_FIELDS, isRequiredField, type TemplatePropertyValues } from "../../live-api";
import type { CreateTemplateRequest, ModifyTemplateRequest } from "../client";

/** A value that stands for "not set": absent, `null`, `""` or an empty list. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** The Create request: only what is set (and what Create requires), since Create has no "clear". */
export function createRequest(properties: TemplatePropertyValues): CreateTemplateRequest {
  const values = properties as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  for (const row of TEMPLATE_PROPERTY_FIELDS) {
    const value = values[row.property];
    if (isRequiredField(row) || !isUnset(value)) request[row.field] = value;
  }
  return request as CreateTemplateRequest;
}

/** The Modify request: the complete desired state, `""` and `[]` clearing what the program no longer sets. */
export function modifyRequest(templateId: number, properties: TemplatePropertyValues): ModifyTemplateRequest {
  const values = properties as Record<string, unknown>;
  const request: Record<string, unknown> = { TemplateId: templateId };
  for (const row of TEMPLATE_PROPERTY_FIELDS) request[row.field] = values[row.property] ?? (row.kind === "levels" ? [] : "");
  return request as ModifyTemplateRequest;
}

/**
 * The properties a record in API field names holds (a described template, or a request):
 * each set field under its property name, unset ones left out. A field Describe never
 * returns is absent from a described template, so it is absent here too.
 */
export function propertiesFromFields(fields: Readonly<Record<string, unknown>>): Partial<TemplatePropertyValues> {
  const properties: Record<string, unknown> = {};
  for (const row of TEMPLATE_PROPERTY_FIELDS) {
    const value = fields[row.field];
    if (!isUnset(value)) properties[row.property] = Array.isArray(value) ? [...value] : value;
  }
  return properties as Partial<TemplatePropertyValues>;
}

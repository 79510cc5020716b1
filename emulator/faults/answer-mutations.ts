/**
 * What the `unknown-fields` and `missing-fields` faults do to an answer, as pure
 * functions on the answer's JSON (`{"Response": {...}}`). Nothing here knows HTTP; the
 * answer is never changed in place.
 */

/**
 * Fields added to every object of an `unknown-fields` answer: a string, a number, a
 * null and a nested object, the shapes Tencent adds to its answers without notice.
 */
export const UNKNOWN_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({
  UnknownFieldText: "a field this client has never heard of",
  UnknownFieldNumber: 7,
  UnknownFieldNull: null,
  UnknownFieldObject: { Nested: ["one", 2, true] },
});

/** The answer with {@link UNKNOWN_FIELDS} in every object, the envelope and `Error` included. */
export function withUnknownFields(answer: unknown): unknown {
  if (Array.isArray(answer)) return answer.map(withUnknownFields);
  if (answer === null || typeof answer !== "object") return answer;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answer)) copy[key] = withUnknownFields(value);
  return { ...copy, ...structuredClone(UNKNOWN_FIELDS) };
}

/**
 * The answer without the field a client needs most: for an error, the `Error`'s `Code`
 * (removing `Error` itself would turn a refusal into something that reads as a success);
 * for a success, the first field besides `RequestId` (`TemplateId`, `Template`,
 * `Templates`, `Rules`); for an answer with nothing else, the `RequestId`.
 */
export function withoutRequiredField(answer: { readonly Response: Record<string, unknown> }): { Response: Record<string, unknown> } {
  const response = structuredClone(answer.Response);
  const error = response.Error;
  if (error && typeof error === "object") {
    delete (error as Record<string, unknown>).Code;
    return { Response: response };
  }
  const field = Object.keys(response).find((key) => key !== "RequestId") ?? "RequestId";
  delete response[field];
  return { Response: response };
}

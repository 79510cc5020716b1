/**
 * Facts about Tencent's Live callback API that the client, the provider, the SDK and the
 * emulator share: the actions and their quotas, the wire shapes, the template's fields and
 * the rules their values follow, TC3 request signing, and the callbacks Tencent sends
 * (their events and their signature). They live here, apart from all of them, so a wrong
 * fact cannot hide by being wrong on two sides in the same way. This room imports nothing
 * of the project.
 *
 * @packageDocumentation
 */
export * from "./actions";
export * from "./template-fields";
export * from "./rule-fields";
export * from "./value-rules";
export * from "./wire";
export * from "./tc3";
export * from "./callback-events";
export * from "./callback-signature";

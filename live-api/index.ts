/**
 * Facts about Tencent's Live callback API that the client, the provider, the SDK and the
 * emulator share: the template's fields and the rules their values follow. They live
 * here, apart from all of them, so a wrong fact cannot hide by being wrong on two sides
 * in the same way.
 *
 * @packageDocumentation
 */
export * from "./template-fields";
export * from "./value-rules";

/**
 * Types that tie each resource's arguments to the inputs its provider hooks receive, so
 * the compiler refuses an SDK argument the provider does not know, or knows differently.
 *
 * Types only: the SDK imports provider types with `import type`, which the compiler
 * erases, so a program never loads provider code through the SDK (the shim in its state
 * loads it at call time, in the provider's process).
 */
import type * as pulumi from "@pulumi/pulumi";

/** Arguments `A` as the provider receives them: every `Input` resolved, optional stays optional. */
export type ResolvedArgs<A> = { [K in keyof A]: pulumi.Unwrap<A[K]> };

/** An intersection of object types as one object type (same properties, same modifiers). */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * `true` when `A` and `B` have exactly the same properties, each equally optional and of
 * the same type; `false` otherwise (a missing, extra, retyped or newly required property).
 */
export type SameShape<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `type _ = Assert<SameShape<X, Y>>`. */
export type Assert<T extends true> = T;

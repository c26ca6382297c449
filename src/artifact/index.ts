/**
 * Public surface of the artifact stage: the schema, the runtime ABI catalog, the builder,
 * type derivation, tree traversal, loop versioning (an IR → IR rewrite both backends apply),
 * the text dump, the binary encoding and the identity hash. Nothing here runs code or knows
 * a backend.
 */
export * from "./schema.ts";
export * from "./runtime-abi.ts";
export * from "./builder.ts";
export * from "./types.ts";
export * from "./dump.ts";
export * from "./bytes.ts";
export * from "./encode.ts";
export * from "./decode.ts";
export * from "./verify.ts";
export * from "./walk.ts";
export * from "./loops.ts";
export * from "./frees.ts";

/** Public surface of the diagnostics leaf module; every stage may import it. */
export * from "./codes.ts";
export * from "./diagnostic.ts";
export * from "./render.ts";

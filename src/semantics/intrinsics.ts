/**
 * The runtime intrinsics of LANGUAGE.md §6 as data: name → signature and tier. Signatures are
 * written as type strings (`T` is the one type parameter of the generic ones) and turned into
 * `TypeId`s by the checker.
 *
 * It does not implement any intrinsic (the runtime does) and does not decide what a backend
 * supports beyond the tier letter of the table.
 */

export type IntrinsicTier = "R" | "T" | "U" | "gc";

export interface IntrinsicSig {
  /** `["..."]`: arguments accepted unchecked (older builtins). */
  readonly params: readonly string[];
  readonly ret: string;
  readonly generic: boolean;
  readonly tier: IntrinsicTier;
}

function sig(tier: IntrinsicTier, ret: string, ...params: string[]): IntrinsicSig {
  const generic = ret.includes("T") || params.some((p) => /^T(\[\])?$/.test(p));
  return { tier, ret, params, generic };
}

export const INTRINSICS: ReadonlyMap<string, IntrinsicSig> = new Map<string, IntrinsicSig>([
  ["__panic_str", sig("R", "never", "string")],
  ["__str_len", sig("R", "i64", "string")],
  ["__str_slice", sig("R", "string", "string", "i64", "i64")],
  ["__str_eq", sig("R", "i64", "string", "string")],
  ["__str_from_bytes_utf8", sig("R", "string", "u8[]")],
  ["__array_new", sig("R", "T[]", "i64", "i64")],
  ["__array_len", sig("R", "i64", "T[]")],
  ["__bytes_get", sig("R", "i64", "u8[]", "u64")],
  ["__bytes_compare", sig("R", "i64", "u8[]", "u8[]")],
  ["__bytes_copy", sig("R", "unit", "u8[]", "i64", "u8[]", "i64", "i64")],
  ["__syscall_write", sig("R", "i64", "i64", "string")],
  ["__syscall_write_bytes", sig("R", "i64", "i64", "u8[]")],
  ["__syscall_read", sig("R", "string", "i64", "i64")],
  ["__syscall_read_bytes", sig("R", "u8[]", "i64", "i64")],
  // Ours (not in LANGUAGE.md §6): 1 when reading fd would give the end of input (a peek).
  ["__syscall_read_at_end", sig("R", "i64", "i64")],
  // Ours: the next line of fd without "\n" and one trailing "\r"; "" at the end of input.
  ["__syscall_read_line", sig("R", "string", "i64")],
  ["__fs_read_text", sig("R", "string", "string")],
  ["__fs_write_text", sig("R", "i64", "string", "string")],
  ["__fs_delete", sig("R", "i64", "string")],
  ["__fs_mkdir", sig("R", "i64", "string")],
  ["__fs_exists", sig("R", "i64", "string")],
  ["__env_get", sig("R", "string", "string")],
  ["__env_set", sig("R", "i64", "string", "string")],
  ["__env_getcwd", sig("R", "string")],
  ["__process_getpid", sig("R", "i32")],
  ["__process_exit", sig("R", "unit", "i32")],
  ["__clock_realtime_nanos", sig("R", "i64")],
  ["__clock_monotonic_nanos", sig("R", "i64")],
  ["__tty_winsize", sig("R", "i64", "i64")],
  ["__test_bytes_len", sig("U", "i64")],
  ["__test_bytes_ptr", sig("U", "i64")],
  ["__fiber_yield", sig("T", "unit")],
  ["__fiber_now_millis", sig("T", "i64")],
  ["__fiber_processor_count", sig("T", "i64")],
  ["__fiber_join", sig("U", "i64", "i64")],
  ["__fiber_join_value", sig("U", "T", "i64")],
  ["__fiber_detach", sig("U", "unit", "i64")],
  ["__fiber_cancel", sig("U", "unit", "i64")],
  ["__wait_group_create", sig("U", "i64")],
  ["__wait_group_add", sig("U", "unit", "i64", "i64")],
  ["__wait_group_done", sig("U", "unit", "i64")],
  ["__wait_group_wait", sig("U", "unit", "i64")],
  ["__mutex_create", sig("U", "i64")],
  ["__mutex_lock", sig("U", "i64", "i64")],
  ["__mutex_try_lock", sig("U", "i64", "i64")],
  ["__mutex_unlock", sig("U", "unit", "i64")],
  ["__channel_create", sig("U", "i64", "i64", "i64")],
  ["__channel_send", sig("U", "i64", "i64", "T")],
  ["__channel_try_send", sig("U", "i64", "i64", "T")],
  ["__channel_receive", sig("U", "i64", "i64")],
  ["__channel_receive_value", sig("U", "T", "i64")],
  ["__channel_try_receive", sig("U", "i64", "i64", "i64")],
  ["__channel_close", sig("U", "unit", "i64")],
  ["__hub_create", sig("U", "i64")],
  ["__hub_register", sig("U", "i64", "i64", "i64", "i64")],
  ["__hub_unregister", sig("U", "unit", "i64", "i64")],
  ["__hub_wait_receive", sig("U", "i64", "i64")],
  ["__hub_wait_receive_index", sig("U", "i64", "i64")],
  ["__hub_wait_receive_value", sig("U", "T", "i64")],
  // Older builtins (§6, second table).
  ["__gc_root_handle", sig("gc", "unit", "...")],
  ["__gc_unroot_handle", sig("gc", "unit", "...")],
  ["__gc_register_root", sig("gc", "unit", "...")],
  ["__gc_unregister_root", sig("gc", "unit", "...")],
  ["__gc_write_barrier", sig("gc", "unit", "...")],
  ["__rt_yield", sig("T", "unit")],
  ["__rt_now_millis", sig("T", "i64")],
  ["__alloc", sig("U", "i64", "...")],
  ["__str_new", sig("U", "string", "...")],
  ["__interop_dispatch_unit", sig("U", "unit", "...")],
  ["__interop_dispatch_ptr", sig("U", "i64", "...")],
  ["__interop_dispatch_usize", sig("U", "u64", "...")],
]);

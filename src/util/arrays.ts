/**
 * `exactLength(list)`: a list that a long-lived structure keeps (a syntax tree, a typed
 * program), copied to its exact length. An array grown by `push` keeps a backing store of at
 * least 17 slots (V8's growth rule), most of it empty; the front end keeps hundreds of
 * thousands of lists, so exact copies make the kept heap smaller and every young-generation GC
 * that has to move them cheaper. Empty lists are returned as they are (they own no store).
 */
export function exactLength<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

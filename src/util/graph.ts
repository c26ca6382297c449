/**
 * Graph helpers shared by the stages that need them.
 */

/**
 * The strongly connected component of every node reachable from a key of `adj` (Tarjan's
 * algorithm, iterative so deep graphs cannot overflow the stack): node → component number.
 * Two nodes are in one component exactly when each reaches the other.
 */
export function stronglyConnected<T>(adj: ReadonlyMap<T, readonly T[]>): Map<T, number> {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const comp = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  let counter = 0;
  let comps = 0;
  const enter = (n: T): void => {
    index.set(n, counter);
    low.set(n, counter++);
    stack.push(n);
    onStack.add(n);
  };
  for (const root of adj.keys()) {
    if (index.has(root)) continue;
    const work: { node: T; next: number }[] = [{ node: root, next: 0 }];
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = adj.get(top.node) ?? [];
      if (top.next < succ.length) {
        const w = succ[top.next++]!;
        if (!index.has(w)) {
          enter(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, comps);
          if (w === top.node) break;
        }
        comps++;
      }
    }
  }
  return comp;
}

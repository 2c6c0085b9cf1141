/** Items grouped by a key, each group in input order; groups in the order their keys first appear. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * `work` run at most once per request context (a WeakMap keyed by the context object): every caller
 * in the request shares the first call's promise.
 */
export function oncePerRequest<C extends object, T>(work: (ctx: C) => Promise<T>): (ctx: C) => Promise<T> {
  const done = new WeakMap<C, Promise<T>>();
  return (ctx) => {
    let promise = done.get(ctx);
    if (!promise) done.set(ctx, (promise = work(ctx)));
    return promise;
  };
}

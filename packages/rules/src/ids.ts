/**
 * Result objects keyed by person id (`Record<string, …>`).
 *
 * Why not `{}` or `Object.fromEntries`: V8 mints a new hidden class for every new key, so objects
 * keyed by ever-different ids cost ~7× more to build (measured on 10,000 groups of 25). An object
 * created without a prototype starts as a hash table; it gets `Object.prototype` back at the end
 * so callers see an ordinary object. An id such as "__proto__" is then an ordinary own key.
 */
export type IdMap<V> = Record<string, V>;

/** An empty map under construction: no prototype, so `map[id] === undefined` means "absent". */
export function newIdMap<V>(): IdMap<V> {
  return Object.create(null) as IdMap<V>;
}

/** Finishes a map: plain-object prototype, contents untouched. */
export function sealIdMap<V>(map: IdMap<V>): IdMap<V> {
  Object.setPrototypeOf(map, Object.prototype);
  return map;
}

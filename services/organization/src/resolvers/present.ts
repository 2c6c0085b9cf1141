/** Drops the misses and errors of a DataLoader `loadMany`. */
export const present = <T>(values: (T | null | Error)[]): T[] =>
  values.filter((value): value is T => value !== null && !(value instanceof Error));

/** The typed arrays that `doubled` grows. */
type Growable = Int32Array | Uint32Array | Uint8Array;

/** A new array of twice the length with the old contents at its start (the rest zero). */
export function doubled<T extends Growable>(array: T): T {
  const copy = new (array.constructor as new (length: number) => T)(array.length * 2);
  copy.set(array);
  return copy;
}

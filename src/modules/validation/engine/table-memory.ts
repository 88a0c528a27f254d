/**
 * Memory for the validator's large tables and chunks (the duplicate indexes, the near-duplicate
 * signatures and buckets), which live as long as the validator.
 *
 * V8 counts the ArrayBuffer memory allocated since its last full collection against the
 * old generation's limit, so a validator's growing tables set off full collections of the
 * whole heap: 8 or 9 for each 100 MB of JSON Lines on the unique bench file, 110-140 ms of its
 * pass (about 7%), and those collections found nothing of the tables to free. Memory of a
 * SharedArrayBuffer is outside that count (Node 20, measured: no full collection in the pass),
 * so once a structure holds SHARED_FROM bytes, its further memory is shared. Nothing else
 * shares it: no other thread or isolate is given these buffers.
 *
 * The price is that such memory, once garbage (a table's old slots after it doubles, or a
 * validator that is done), is freed at the next full collection V8 makes for other reasons,
 * not sooner; the old slots of doubling tables add up to less than the live tables. Small
 * validations (an API request's records) stay below SHARED_FROM and allocate counted memory
 * only, so a service answering many of them does not pile up uncounted garbage.
 */
export const SHARED_FROM = 1 << 20;

/** `bytes` of zeroed memory for a structure that holds `held` bytes already. */
function memory(bytes: number, held: number): ArrayBufferLike {
  return held + bytes >= SHARED_FROM ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

export function tableUint32(length: number, held: number): Uint32Array {
  return new Uint32Array(memory(4 * length, held));
}

export function tableInt32(length: number, held: number): Int32Array {
  return new Int32Array(memory(4 * length, held));
}

export function tableUint16(length: number, held: number): Uint16Array {
  return new Uint16Array(memory(2 * length, held));
}

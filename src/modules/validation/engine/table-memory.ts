/**
 * Memory for the validator's large tables and chunks (the duplicate indexes, the near-duplicate
 * signatures and buckets), which live as long as the validator.
 *
 * V8 counts the ArrayBuffer memory allocated since its last full collection against the
 * old generation's limit, so a validator's growing tables set off full collections of the
 * whole heap: 8 or 9 for each 100 MB of JSON Lines on the unique bench file, 110-140 ms of its
 * pass (about 7%), and those collections found nothing of the tables to free. Memory of a
 * SharedArrayBuffer is outside that count (Node 20, measured: no full collection in the pass),
 * so the allocation that brings a structure's memory to SHARED_FROM bytes, and every later one,
 * is shared. Nothing else shares it: no other thread or isolate is given these buffers.
 *
 * The price: nothing makes V8 collect on this memory's account. Once garbage (a table's old
 * slots after it doubles, a validator that is done), it is freed at the next full collection V8
 * makes for other reasons, which a process busy with large validations may not make for a long
 * time, and it is outside --max-old-space-size. So shared memory not yet collected is held to
 * SHARED_BUDGET in all (a FinalizationRegistry counts it down as V8 frees it); past that,
 * tables get counted memory again, and V8's own collections follow them as before. Small
 * validations (an API request's records) stay below SHARED_FROM and allocate counted memory
 * only.
 */
export const SHARED_FROM = 1 << 20;
/** Shared memory allocated and not yet collected, at most (a 100 MB dataset's tables fit). */
export const SHARED_BUDGET = 256 << 20;

let sharedBytes = 0;
const collected = new FinalizationRegistry<number>((bytes) => {
  sharedBytes -= bytes;
});

/** Shared memory allocated here that V8 has not freed yet. */
export const sharedMemoryInUse = () => sharedBytes;

/** `bytes` of zeroed memory for a structure whose memory is `held` bytes so far. */
function memory(bytes: number, held: number): ArrayBufferLike {
  if (held + bytes < SHARED_FROM || sharedBytes + bytes > SHARED_BUDGET) {
    return new ArrayBuffer(bytes);
  }
  const buffer = new SharedArrayBuffer(bytes);
  sharedBytes += bytes;
  collected.register(buffer, bytes);
  return buffer;
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

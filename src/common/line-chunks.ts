/**
 * A byte stream cut into chunks of whole lines (each ends with a line feed, except a last line
 * without one): each chunk ends at the first line feed once `size` bytes are reached, so it is
 * about `size` long, or longer by one line. Every chunk owns its memory, so it can be moved to a
 * worker thread without copying or detaching anything else; pieces held between reads are copied,
 * so a source that reuses its buffer cannot change them.
 */
export async function* lineChunks(
  source: AsyncIterable<Uint8Array>,
  size = 1024 * 1024,
): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.byteLength) {
      // The first line feed at or after the point where the chunk reaches `size`.
      const from = Math.max(offset, offset + size - held - 1);
      const newline = from < piece.byteLength ? piece.indexOf(10, from) : -1;
      if (newline === -1) {
        parts.push(new Uint8Array(piece.subarray(offset)));
        held += piece.byteLength - offset;
        break;
      }
      yield join(parts, held, piece.subarray(offset, newline + 1));
      parts = [];
      held = 0;
      offset = newline + 1;
    }
  }
  if (held > 0) yield join(parts, held);
}

function join(parts: Uint8Array[], held: number, last?: Uint8Array): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(held + (last?.byteLength ?? 0)));
  let at = 0;
  for (const part of last ? [...parts, last] : parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

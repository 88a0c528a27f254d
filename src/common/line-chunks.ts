/**
 * A byte stream cut into chunks of whole lines (each ends with a line feed, except a last line
 * without one), about `size` bytes each or more when a line is longer. Every chunk owns its
 * memory, so it can be moved to a worker thread without copying or detaching anything else.
 */
export async function* lineChunks(
  source: AsyncIterable<Uint8Array>,
  size = 1024 * 1024,
): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const piece of source) {
    const newline = piece.lastIndexOf(10);
    if (newline === -1 || held + newline + 1 < size) {
      parts.push(piece);
      held += piece.byteLength;
      if (newline === -1 || held < size) continue;
      // Enough held: cut at the last line feed of this piece.
      parts.pop();
      held -= piece.byteLength;
    }
    yield join(parts, held, piece.subarray(0, newline + 1));
    const rest = piece.subarray(newline + 1);
    parts = rest.byteLength > 0 ? [rest.slice()] : [];
    held = rest.byteLength;
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

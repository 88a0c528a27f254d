/**
 * A string's UTF-16 code units in a typed array, for loops that read every character.
 *
 * `charCodeAt` is fast while a loop sees one or two kinds of string, but strings come in many
 * internal forms (flat or concatenated, slices, one or two bytes per character); once a loop has
 * seen most of them its `charCodeAt` becomes a generic call, at twice the cost per character.
 * Copying the string into a typed array is one native call and keeps the loop on one array type.
 */
let units = new Uint16Array(4096);
let bytes = Buffer.from(units.buffer);

/**
 * The first `text.length` entries of the returned array are the text's code units (lone
 * surrogates included), and a 0 follows them, so a loop may look one character ahead without a
 * bounds check. The array is reused: it is valid until the next call.
 */
export function codeUnits(text: string): Uint16Array {
  if (text.length >= units.length) {
    let length = units.length;
    while (length <= text.length) length *= 2;
    units = new Uint16Array(length);
    bytes = Buffer.from(units.buffer);
  }
  bytes.write(text, 0, 'utf16le');
  units[text.length] = 0;
  return units;
}

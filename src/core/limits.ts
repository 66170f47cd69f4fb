/** What a capture keeps at most, and how the size of its text is measured against it. */

/** What a capture keeps at most. The page hook cuts early so that oversized data never crosses a boundary. */
export const LIMITS = {
  /** Event data kept per event, in UTF-16 code units (1 Mi). */
  eventDataChars: 1 << 20,
  /** Event types and ids (cut, not refused, beyond this). */
  shortTextChars: 65536,
  /** URLs. */
  urlChars: 65536,
  /** Everything one document keeps by default, in UTF-16 code units of event data (256 Mi); settable. */
  documentChars: 1 << 28,
  /** Records in one page-to-relay batch. */
  batchRecords: 4096,
  /** One block of a parsed stream (or NDJSON line), in UTF-16 code units (16 Mi); past it, the rest is let go. */
  blockChars: 1 << 24,
  /**
   * Bytes in one chunk from the page (a larger read is passed on in pieces, all at its time). A
   * piece is one record, which the panel applies whole: at 4 MiB, 65,000 small events took it
   * 250–550 ms at once while a fetch backlog loaded.
   */
  chunkBytes: 1 << 20,
  /** A request body preview, in UTF-16 code units. */
  requestBodyChars: 65536,
  /** Request or response headers kept. */
  headers: 256,
} as const;

/** UTF-8 byte length of a string, counting lone surrogates as the three bytes of U+FFFD. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

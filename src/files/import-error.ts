/**
 * Why a file could not be imported, as data: the UI that shows it says it in the user's language
 * (as eventsource-parser's `ParseError` carries its `type` and the line, not a sentence).
 */
export type ImportErrorKind =
  /** Not a capture file (no `format: sse-scope/capture`). */
  | 'not-capture'
  /** A capture file of a version this build does not read (`version`). */
  | 'version'
  /** Not a HAR (no `log.entries`). */
  | 'not-har'
  /** NDJSON: a line (`line`, from 1) that is not JSON, or not an event. */
  | 'line-not-json'
  | 'line-not-event'
  /** None of the formats SSE Scope exports. */
  | 'unknown-file';

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly kind: ImportErrorKind,
    /** The line (from 1) of an NDJSON file, or the version a capture file says it is. */
    readonly detail: { line?: number; version?: string } = {},
  ) {
    super(kind);
  }
}

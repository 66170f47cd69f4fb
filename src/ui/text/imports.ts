/** What an import says to the user: why a file could not be read, and what its format could not carry. */
import { CAPTURE_VERSION } from '../../files/capture-file';
import { ImportError, type ImportErrorKind } from '../../files/import-error';
import type { TextImport } from '../../files/text-import';
import { type MessageKey, t } from './catalogue';

const ERRORS: Record<ImportErrorKind, MessageKey> = {
  'not-capture': 'import_not_capture',
  version: 'import_version',
  'not-har': 'import_not_har',
  'line-not-json': 'import_line_not_json',
  'line-not-event': 'import_line_not_event',
  'unknown-file': 'import_unknown_file',
};

/** Why an import failed, in the UI's language; another error (a bug, the browser's) by its own message. */
export function importErrorText(error: unknown): string {
  if (!(error instanceof ImportError)) return error instanceof Error ? error.message : String(error);
  const { line, version } = error.detail;
  return t(ERRORS[error.kind], {
    ...(line === undefined ? {} : { line }),
    ...(version === undefined ? {} : { version, supported: String(CAPTURE_VERSION) }),
  });
}

/** What a text export could not carry, by its format. */
export const TEXT_IMPORT_NOTES: Record<TextImport['format'], MessageKey> = {
  ndjson: 'import_note_ndjson',
  sse: 'import_note_sse',
};

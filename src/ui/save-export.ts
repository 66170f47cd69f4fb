/**
 * Saving an export, for the panel's export menu and the popup alike: the capture file in one of
 * its formats, or one connection's stream as `.sse`, named after the page and the time. Every
 * export goes through here, so none leaves with a secret unless the user chose it for that one.
 */
import type { CaptureFile } from '../files/capture-file';
import { toHar, toNdjson, toSse } from '../files/formats';
import { maskSecrets } from '../files/redact';
import { browser } from '../platform/browser';
import { baseName, download } from './download';

export type ExportKind = 'json' | 'ndjson' | 'har';

/** The extension's version, for the file's `tool` and HAR's creator. */
function toolVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0';
  }
}

/** What SSE Scope writes as a file's `tool`. */
export const toolName = (): string => `SSE Scope ${toolVersion()}`; // not-ui-text: the tool, as files name it

/** What an export keeps of secrets: none (the default), or all, as the user chose for this one export. */
export interface SecretsChoice {
  include?: boolean;
  /** JSON field names to mask in event data besides those named like secrets. */
  fieldNames?: readonly string[];
}

/**
 * Saves the file as capture JSON, NDJSON or HAR; or, given a connection's id, that connection as
 * `.sse`; its secrets masked unless the user chose to include them.
 */
export function saveExport(whole: CaptureFile, kind: ExportKind | number, choice: SecretsChoice = {}): void {
  const file: CaptureFile = choice.include ? { ...whole, secrets: 'included' } : maskSecrets(whole, choice.fieldNames);
  const name = baseName(file.page);
  if (kind === 'json') download(`${name}.json`, JSON.stringify(file, null, 2), 'application/json');
  else if (kind === 'ndjson') download(`${name}.ndjson`, toNdjson(file), 'application/x-ndjson');
  else if (kind === 'har')
    download(`${name}.har`, JSON.stringify(toHar(file, toolVersion()), null, 2), 'application/json');
  else {
    const connection = file.connections.find((c) => c.id === kind);
    if (connection) download(`${name}-${kind}.sse`, toSse(connection), 'text/event-stream');
  }
}

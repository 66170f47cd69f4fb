/**
 * Saving an export, for the panel's export menu and the popup alike: the capture file in one of
 * its formats, or one connection's stream as `.sse`, named after the page and the time.
 */
import type { CaptureFile } from '../files/capture-file';
import { toHar, toNdjson, toSse } from '../files/formats';
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

/** Saves the file as capture JSON, NDJSON or HAR; or, given a connection's id, that connection as `.sse`. */
export function saveExport(file: CaptureFile, kind: ExportKind | number): void {
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

/**
 * A connection with the secrets its relay kept whole put back: the records that carried them (its
 * request, responses, worker), as the relay sent them when the user asked to see them. Everything
 * else the panel shows of the connection came masked and stays so.
 */
import type { CaptureRecord } from '../model';
import type { ConnectionView } from './views';

const seqOf = (record: object | undefined): number | undefined => (record as { seq?: number } | undefined)?.seq;

/** The connection as shown, with these whole records (of this connection) in place of their masked twins. */
export function withSecrets(connection: ConnectionView, whole: readonly CaptureRecord[]): ConnectionView {
  if (whole.length === 0) return connection;
  const out: ConnectionView = { ...connection };
  for (const record of whole) {
    switch (record.kind) {
      case 'connection':
        out.url = record.url;
        if (record.method !== undefined && connection.request) {
          out.request = { ...connection.request, method: record.method, headers: record.requestHeaders ?? [] };
          if (record.requestBody !== undefined) out.request.body = record.requestBody;
        }
        break;
      case 'response':
        if (seqOf(connection.response) === record.seq) out.response = record;
        break;
      case 'http':
        if (seqOf(connection.http) === record.seq) out.http = record;
        break;
      case 'worker':
        if (connection.worker) out.worker = { kind: record.worker, url: record.url };
        break;
    }
  }
  return out;
}

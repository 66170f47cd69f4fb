/**
 * A capture record as it may leave the page's renderer: the secrets in what the request carried
 * (its URL, headers and body) and in the URLs and headers of its responses masked (./secrets). The
 * relay keeps the record whole, for the user who asks to see a secret or to export it.
 */
import type { CaptureRecord } from './model';
import { maskBody, maskHeaders, maskUrl } from './secrets';

/** The record with its secrets masked; the same record when it has none. */
export function maskRecord(record: CaptureRecord): CaptureRecord {
  switch (record.kind) {
    case 'connection': {
      const url = maskUrl(record.url);
      const requestHeaders = record.requestHeaders && maskHeaders(record.requestHeaders);
      const requestBody = record.requestBody === undefined ? undefined : maskBody(record.requestBody);
      if (url === record.url && requestHeaders === record.requestHeaders && requestBody === record.requestBody)
        return record;
      const masked = { ...record, url };
      if (requestHeaders) masked.requestHeaders = requestHeaders;
      if (requestBody !== undefined) masked.requestBody = requestBody;
      return masked;
    }
    case 'response':
    case 'http': {
      const url = maskUrl(record.url);
      const headers = record.headers && maskHeaders(record.headers);
      if (url === record.url && headers === record.headers) return record;
      return headers ? { ...record, url, headers } : { ...record, url };
    }
    case 'worker': {
      const url = maskUrl(record.url);
      return url === record.url ? record : { ...record, url };
    }
    default:
      return record;
  }
}

/** Whether a record is one that can carry a secret (what `maskRecord` may change). */
export const carriesSecrets = (record: CaptureRecord): boolean =>
  record.kind === 'connection' || record.kind === 'response' || record.kind === 'http' || record.kind === 'worker';

/**
 * Documents as unit tests need them: at `http://a/<docId>`, a top frame's, activated at 1, unless
 * the fields given say otherwise.
 */
import type { DocumentInfo, FrameDocument } from '../../src/core/model';
import type { DocumentSummary } from '../../src/messages/messages';

/** A document as its relay announces it. */
export function documentInfo(docId: string, fields: Partial<DocumentInfo> = {}): DocumentInfo {
  return { docId, url: `http://a/${docId}`, top: true, activatedAt: 1, ...fields };
}

/** A document as the worker's store keeps it, with its frame: the top frame (0) unless told. */
export function frameDocument(docId: string, fields: Partial<FrameDocument> = {}): FrameDocument {
  const frameId = fields.frameId ?? 0;
  return { ...documentInfo(docId, { top: frameId === 0 }), frameId, ...fields };
}

/** A document's connection counts, as its relay sends them for the badge and the popup. */
export function documentSummary(docId: string, fields: Partial<DocumentSummary> = {}): DocumentSummary {
  const open = fields.open ?? 0;
  return { docId, top: true, activatedAt: 1, open, connections: open, ...fields };
}

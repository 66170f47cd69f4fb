/**
 * Who sent a message or opened a port, as the browser tells it, never as the message says: the
 * origin of the sending document, and whether the sender is one of the extension's own pages (the
 * panel, the popup). A content script is ours too, but it runs in a page's renderer, beside the
 * page: it may speak for its own document only, never for the panel or the popup.
 */
import { knownOrigin } from '../core/origin';

/** The fields of a runtime.MessageSender that this reads. */
export interface SenderFacts {
  id?: string;
  url?: string;
  /** Chrome's: the document's origin (an about:blank or srcdoc frame's is its parent's; a sandboxed frame's, "null"). */
  origin?: string;
}

/**
 * The origin of the document that sent a message: Chrome's `origin` where it gives one (an opaque
 * origin is none: never the origin of the URL it was loaded from), else the origin of `url`
 * (Firefox gives no `origin`).
 */
export function senderOrigin(sender: SenderFacts): string | undefined {
  return sender.origin !== undefined ? knownOrigin(sender.origin) : knownOrigin(sender.url);
}

/**
 * Whether the sender is one of this extension's pages: its URL is under the extension's own
 * (`base`, `runtime.getURL('')`). A content script's URL is its page's; an extension page opened in
 * a tab has a tab as a content script has, so the URL decides.
 */
export function isExtensionPage(sender: SenderFacts, extensionId: string, base: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(base);
}

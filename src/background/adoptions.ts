/**
 * A frame's capture handed over as the frame goes away while its page lives on (an adoption): to
 * the top frame's relay when the frame is of the page's origin, else held by the worker
 * (./held-captures), never handed to another site's renderer. Which origin the page has is the
 * browser's word, asked as each part arrives.
 */
import { knownOrigin } from '../core/origin';
import type { Adoption } from '../messages/messages';

export interface AdoptionOutlets {
  /** The tab's page address as the browser reports it, or undefined when the tab is gone. */
  pageUrl(tabId: number): Promise<string | undefined>;
  toTopFrame(tabId: number, adoption: Adoption): Promise<void>;
  hold(tabId: number, adoption: Adoption): void;
}

export class Adoptions {
  /** Parts being placed, one after another: a document's parts follow one another. */
  private placing = Promise.resolve();

  constructor(private readonly outlets: AdoptionOutlets) {}

  /** Places a part sent by a frame of `origin` (the browser's word for the sender), in the order sent. */
  place(tabId: number, origin: string | undefined, adoption: Adoption): Promise<void> {
    this.placing = this.placing.then(async () => {
      const url = await this.outlets.pageUrl(tabId);
      if (url === undefined) return; // the page went too
      if (origin !== undefined && knownOrigin(url) === origin) await this.outlets.toTopFrame(tabId, adoption);
      else this.outlets.hold(tabId, adoption);
    });
    return this.placing;
  }
}

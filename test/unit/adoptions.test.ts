/**
 * Where a departing frame's capture goes: to the top frame's relay only when the frame is of the
 * page's origin as the browser reports it now, else held by the worker; parts in the order sent.
 */
import { expect, test } from '@playwright/test';
import { Adoptions } from '../../src/background/adoptions';
import type { Adoption } from '../../src/messages/messages';

const part = (docId: string, last: number): Adoption => ({
  type: 'adopt',
  doc: { docId, url: `http://127.0.0.1:1/${docId}`, top: false, activatedAt: 0 },
  last,
  records: [],
});

test('a frame of the page’s origin goes to the top frame, another’s is held, a closed tab’s dropped', async () => {
  const placed: string[] = [];
  const pages = new Map([[1, 'http://127.0.0.1:1/page']]);
  let asked = 0;
  const adoptions = new Adoptions({
    // The first answer comes last: the parts must still be placed in the order they were sent.
    pageUrl: (tabId) => new Promise((resolve) => setTimeout(() => resolve(pages.get(tabId)), asked++ === 0 ? 20 : 0)),
    toTopFrame: async (tabId, adoption) => void placed.push(`top ${tabId} ${adoption.doc.docId}#${adoption.last}`),
    hold: (tabId, adoption) => void placed.push(`held ${tabId} ${adoption.doc.docId}#${adoption.last}`),
  });
  void adoptions.place(1, 'http://127.0.0.1:1', part('same', 1));
  void adoptions.place(1, 'http://localhost:1', part('other', 2));
  void adoptions.place(1, undefined, part('unknown', 3));
  await adoptions.place(2, 'http://127.0.0.1:1', part('closed', 4));
  expect(placed).toEqual(['top 1 same#1', 'held 1 other#2', 'held 1 unknown#3']);
});

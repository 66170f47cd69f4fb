import { expect, test } from '@playwright/test';
import { ConnectionCount } from '../../src/relay/summary';
import { connectionRecord, numbered } from '../support/records';

test('a document with live connections to 40 origins reports the 32 with the most, the busiest among them whatever came first', () => {
  const count = new ConnectionCount();
  // One connection each to 39 origins first, then seven to a 40th: the one the six-connection check is about.
  const urls = [
    ...Array.from({ length: 39 }, (_, i) => `http://o${i}.example/sse`),
    ...Array.from({ length: 7 }, () => 'http://busy.example/sse'),
  ];
  count.follow(numbered(urls.map((url, i) => connectionRecord(i + 1, 10, url))));
  const { open, byOrigin } = count.counts();
  expect(open).toBe(46);
  expect(Object.keys(byOrigin)).toHaveLength(32);
  expect(byOrigin['http://busy.example']).toBe(7);
});

import { expect, test } from '@playwright/test';
import { fromBase64 } from '../../src/core/base64';
import { arrivalTimes, describeChunk, hex } from '../../src/core/chunk-text';

const bytes = (text: string) => new TextEncoder().encode(text);

test('a chunk shows the bytes of characters split with its neighbours in hex, the rest as text', () => {
  const rocket = bytes('a🚀b'); // 61 f0 9f 9a 80 62
  expect(describeChunk(rocket.subarray(0, 3))).toEqual({ lead: [], text: 'a', trail: [0xf0, 0x9f] });
  expect(describeChunk(rocket.subarray(3))).toEqual({ lead: [0x9a, 0x80], text: 'b', trail: [] });
  expect(describeChunk(rocket.subarray(2, 4))).toEqual({ lead: [0x9f, 0x9a], text: '', trail: [] });
  expect(describeChunk(bytes('é'))).toEqual({ lead: [], text: 'é', trail: [] });
  expect(describeChunk(new Uint8Array([0xff, 0x41]))).toEqual({ lead: [], text: '\uFFFDA', trail: [] });
  expect(hex([0xf0, 0x9f])).toBe('f0 9f');
  expect(Array.from(fromBase64(Buffer.from(rocket).toString('base64')))).toEqual(Array.from(rocket));
});

test('arrival times: each chunk the page read is dated when its last byte had arrived from the network', () => {
  const arrivals = [
    { time: 100, size: 10 },
    { time: 200, size: 5 },
    { time: 300, size: 20 },
  ];
  // Read in pieces that cut across the network's: 4 (in the first), 10 (into the second), 20 (the third).
  expect(arrivalTimes([{ size: 4 }, { size: 10 }, { size: 20 }], arrivals)).toEqual([100, 200, 300]);
  // Read further than the arrivals reach (capture began late, or they are still coming).
  expect(arrivalTimes([{ size: 30 }, { size: 10 }], arrivals)).toEqual([300, undefined]);
  expect(arrivalTimes([{ size: 1 }], [])).toEqual([undefined]);
});

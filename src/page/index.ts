// Runs in the page's MAIN world at document_start, in every frame: hooks EventSource, fetch and XHR streams, and the workers the page starts, and tells the relay only.
import { hookEventSource } from './event-source-hook';
import { hookFetch } from './fetch-hook';
import { openRelayChannel } from './relay-channel';
import { ReplayBook } from './replay/replay-book';
import { openSyncLine } from './signal';
import { installToStringMask } from './stealth';
import { ownValue } from './stream-request';
import { hookWorkers } from './worker-hook';
import { hookXhr } from './xhr-hook';

const book = new ReplayBook();
let eventSources: ReturnType<typeof hookEventSource>;
const sink = openRelayChannel((msg) => {
  // Own fields only: no getter a page adds to Object.prototype runs.
  const own = (key: string) => (typeof msg === 'object' && msg !== null ? ownValue(msg, key) : undefined);
  const type = own('type');
  if (type === 'watched') eventSources?.watched(own('on') === true);
  else if (type === 'ack') {
    const n = own('n');
    if (typeof n === 'number') eventSources?.acked(n);
  } else book.receive(msg);
});
installToStringMask();
eventSources = hookEventSource(sink, openSyncLine(), book);
hookFetch(sink, book);
hookXhr(sink, book);
hookWorkers((kind, url) => sink.worker(kind, url));

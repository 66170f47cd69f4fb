// Runs in the page's MAIN world at document_start, in every frame: hooks EventSource and reports to the relay only.
import { hookEventSource } from './event-source-hook';
import { openRelayChannel } from './relay-channel';
import { installToStringMask } from './stealth';

const sink = openRelayChannel();
installToStringMask();
hookEventSource(sink);

/**
 * A way to run a step in a task of its own, soon: by a message on a private channel, which the
 * browser does not hold back as it holds a hidden page's timers (about once a second) or nested
 * ones (at least 4 ms each). One step waits at a time: asking again replaces it.
 */
export function nextTask(): (step: () => void) => void {
  if (typeof MessageChannel !== 'function') return (step) => setTimeout(step, 0);
  const channel = new MessageChannel();
  let pending: (() => void) | undefined;
  channel.port1.onmessage = () => {
    const step = pending;
    pending = undefined;
    step?.();
  };
  return (step) => {
    pending = step;
    channel.port2.postMessage(null);
  };
}

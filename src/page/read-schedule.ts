/**
 * When the page hook reads its EventSources' queue (./event-source-queue): never inside the
 * page's burst, if it can help it, and never long at a time.
 *
 * - An event queued after the queue was read fires a one-off listener of ours (`arm`), which asks
 *   for an idle callback. Reading waits until the queue has not grown for QUIET_MS, at most
 *   HOLD_MS after that first event: reading inside a burst costs the page as much as listening
 *   would. While a panel watches, the first idle moment will do.
 * - It reads in idle moments, IDLE_TURN_MS at a time. When none comes (the idle callback's
 *   timeout), in tasks of IDLE_TURN_MS one after another, so that the page's own tasks (a frame,
 *   its next events) go between them.
 * - A record of ours (a connection, an open, an error…) asks for a task next (`records`): it is
 *   read then, with the events queued before it, not those queued since (that task may come in
 *   the middle of a burst: Chrome runs a flood's network tasks first). Not a timer: a hidden
 *   page's are held back. When a burst's events are before it (an error or a close at its end),
 *   it waits with them for the page to be quiet.
 * - The arm goes after the page's capturing listeners, so a page could keep it from running: a
 *   watchdog looks at the queue once a second while a connection lives.
 */

import { nullProto } from './event-columns';
import { accessor, apply, construct, getOwnPropertyDescriptor, natives, read } from './natives';

/** While the queue grows, reading waits at most this long after its first event (no panel watching). */
const HOLD_MS = 1000;
/** Reading waits until the queue has not grown for this long (no panel watching). */
const QUIET_MS = 50;
/** An idle callback's timeout: a page that is never idle still has its events read, at most this late. */
const IDLE_TIMEOUT_MS = 100;
/** At most this long is read at once (the page's next events wait for it). */
export const IDLE_TURN_MS = 3;
const WATCHDOG_MS = 1000;
/** A record is read in the next task with at most this many events before it (no panel watching). */
const PROMPT_MAX = 512;

/** The queue, as the schedule sees it: indices of entries, from the next to read to its length. */
export interface Readable {
  next(): number;
  length(): number;
  /** Reads entries below `upTo` for at most IDLE_TURN_MS, while `more()`. */
  read(upTo: number, more: () => boolean): void;
  /** Read to its end: empty it and arm again. */
  emptied(): void;
  /** Whether a connection lives (the watchdog's reason to go on). */
  live(): boolean;
}

export interface ReadSchedule {
  /** The arm's listener: an event was queued. */
  arm(): void;
  /** A record of ours was queued: read up to `end` in the next task. */
  records(end: number): void;
  /** A connection began: the watchdog runs while any lives. */
  started(): void;
  watched(on: boolean): void;
}

/** The window, its idle callbacks and their deadlines' natives, as they were at document_start. */
const win = natives.window;
const requestIdle = (win as { requestIdleCallback?: typeof requestIdleCallback }).requestIdleCallback;
const deadlineProto = (win as { IdleDeadline?: { prototype: object } }).IdleDeadline?.prototype;
const didTimeout = deadlineProto ? accessor(deadlineProto, 'didTimeout') : undefined;
const timeRemaining = (deadlineProto as { timeRemaining?: () => number } | undefined)?.timeRemaining;

export function scheduleReading(queue: Readable): ReadSchedule {
  const setTimer = natives.setTimeout;
  const perfNow = () => apply(natives.now, natives.performance, []) as number;
  const onMessage = getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')?.set as (f: unknown) => void;
  const channel = (onTask: () => void) => {
    const made = construct(natives.MessageChannel, []) as MessageChannel;
    apply(onMessage, made.port1, [onTask]);
    return () => apply(natives.postMessage, made.port2, [null]);
  };
  const waiting = () => queue.next() < queue.length();

  let watching = false;
  let idlePending = false;
  /** When the first event of what waits was seen, the queue's length at the last look, and when it last grew. */
  let firstAt = 0;
  let seenLength = -1;
  let grewAt = 0;
  let watchdogOn = false;

  function arm(): void {
    if (idlePending || !waiting()) return;
    firstAt = perfNow();
    seenLength = -1;
    scheduleIdle();
  }

  function scheduleIdle(): void {
    idlePending = true;
    if (requestIdle) apply(requestIdle, win, [onIdle, nullProto({ timeout: IDLE_TIMEOUT_MS })]);
    else apply(setTimer, win, [() => onIdle(undefined), 0]);
  }

  function onIdle(deadline: IdleDeadline | undefined): void {
    idlePending = false;
    if (!waiting()) return;
    const length = queue.length();
    const at = perfNow();
    if (length !== seenLength) {
      seenLength = length;
      grewAt = at;
    }
    if (!watching && at - grewAt < QUIET_MS && at - firstAt < HOLD_MS) {
      // Still arriving: the page is in its burst, and reading now would slow it.
      scheduleIdle();
      return;
    }
    if (!deadline || !didTimeout || !timeRemaining || read<boolean>(didTimeout, deadline)) {
      inTurns(Infinity);
      return;
    }
    queue.read(length, () => (apply(timeRemaining, deadline, []) as number) > 1);
    if (waiting()) scheduleIdle();
    else done();
  }

  function done(): void {
    seenLength = -1;
    queue.emptied();
  }

  /** Reads entries below `upTo` in tasks of at most IDLE_TURN_MS, one after another, the first now. */
  let turnsUpTo = 0;
  let turning = false;
  function inTurns(upTo: number): void {
    if (upTo > turnsUpTo) turnsUpTo = upTo;
    if (!turning) turn();
  }
  const nextTurn = channel(turn);
  function turn(): void {
    turning = false;
    queue.read(turnsUpTo, () => true);
    if (queue.next() < turnsUpTo && waiting()) {
      turning = true;
      nextTurn();
      return;
    }
    turnsUpTo = 0;
    if (!waiting()) done();
    // Events queued since: the idle reading takes them, when the page is done with them.
    else arm();
  }

  let recordsEnd = 0;
  let wakeSent = false;
  const wake = channel(() => {
    wakeSent = false;
    if (queue.next() >= recordsEnd) return;
    if (watching || recordsEnd - queue.next() <= PROMPT_MAX) inTurns(recordsEnd);
    // A burst's events before it (an error or a close at its end): they and it wait for the page
    // to be quiet, as the burst's events would.
    else arm();
  });

  function watchdog(): void {
    if (!queue.live()) {
      watchdogOn = false;
      return;
    }
    arm();
    apply(setTimer, win, [watchdog, WATCHDOG_MS]);
  }

  return {
    arm,
    records(end) {
      recordsEnd = end;
      if (wakeSent) return;
      wakeSent = true;
      wake();
    },
    started() {
      if (watchdogOn) return;
      watchdogOn = true;
      apply(setTimer, win, [watchdog, WATCHDOG_MS]);
    },
    watched(on) {
      watching = on;
      if (on && waiting() && !idlePending) scheduleIdle();
    },
  };
}

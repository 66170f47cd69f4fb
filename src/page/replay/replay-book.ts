/**
 * The replay rules this document plays, as its relay hands them over the private port (the rules
 * that are on in the tab, replaced whole on every change), and the players each rule runs now, so
 * that the user's steps (next chunk, pause, resume) reach them. No page script can reach the port.
 */
import { Player, type PlayerOutlet, type ReplayHost } from '../../core/replay-player';
import type { ReplayResponse, ReplayRule } from '../../core/replay-rule';
import { ruleFor } from '../../core/replay-rule';
import { apply, natives } from '../natives';
import { chunkBytes } from './chunk-bytes';
import { applyReplayFault, type FaultTarget, type ReplayFault } from './replay-faults';

/** Where the players run: only natives saved before page scripts ran. */
const PAGE_HOST: ReplayHost = {
  now: () => apply(natives.now, natives.performance, []) as number,
  setTimeout: (run, ms) => apply(natives.setTimeout, globalThis, [run, ms]),
  clearTimeout: (timer) => apply(natives.clearTimeout, globalThis, [timer]),
  bytes: chunkBytes,
};

type ByRule<T> = Record<string, T>;
const byRule = <T>() => ({ __proto__: null }) as unknown as ByRule<T>;

export class ReplayBook {
  private rules: ReplayRule[] = [];
  private players = byRule<Player[]>();
  private readonly paused = byRule<true>();
  /** Requests each rule answered in this document: a fetch gets the recording's responses in turn. */
  private readonly served = byRule<number>();
  private onFirst: (() => void)[] | undefined = [];
  /** The connections rules answer in this document, by number: where the user's faults go. */
  private readonly targets = byRule<FaultTarget>();
  private native = false;

  /** A replayed connection, for the faults the user may put on it. */
  target(conn: number, target: FaultTarget): void {
    this.targets[conn] = target;
  }

  /** Called once, when this document first has a rule (what replay alone needs is set up then). */
  whenFirst(setUp: () => void): void {
    if (this.onFirst) this.onFirst[this.onFirst.length] = setUp;
    else setUp();
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /**
   * This browser serves a rule to an EventSource of the document's origin itself (Firefox: the
   * worker, through a stream filter): the hook leaves those native.
   */
  get nativeEventSource(): boolean {
    return this.native;
  }

  /** No rule has come yet (a document learns its tab's rules a few milliseconds after it starts). */
  get waiting(): boolean {
    return this.onFirst !== undefined;
  }

  /** A message from the relay: the rules, or a step. */
  receive(msg: unknown): void {
    if (typeof msg !== 'object' || msg === null) return;
    const { type, rules, rule, step, nativeEventSource } = msg as Record<string, unknown>;
    if (type === 'replay' && Array.isArray(rules)) {
      this.rules = rules as ReplayRule[];
      this.native = nativeEventSource === true;
      if (this.rules.length > 0 && this.onFirst) {
        const setUps = this.onFirst;
        this.onFirst = undefined;
        for (let i = 0; i < setUps.length; i++) (setUps[i] as () => void)();
      }
      return;
    }
    if (type === 'replay-fault') {
      const { conn } = msg as { conn?: unknown };
      const target = typeof conn === 'number' ? this.targets[conn] : undefined;
      if (target) applyReplayFault(target, msg as ReplayFault);
      return;
    }
    if (type !== 'replay-step' || typeof rule !== 'string') return;
    if (step === 'pause') this.paused[rule] = true;
    if (step === 'resume') delete this.paused[rule];
    const players = this.players[rule] ?? [];
    for (let i = 0; i < players.length; i++) {
      const player = players[i] as Player;
      if (step === 'next') player.step();
      else if (step === 'next-event') player.stepEvent();
      else if (step === 'pause') player.pause();
      else if (step === 'resume') player.resume();
    }
  }

  ruleFor(url: string): ReplayRule | undefined {
    return this.rules.length === 0 ? undefined : ruleFor(this.rules, url);
  }

  /** The response a new request gets: the recording's next, then its last again. */
  nextResponse(rule: ReplayRule): ReplayResponse {
    const served = this.served[rule.id] ?? 0;
    this.served[rule.id] = served + 1;
    const responses = rule.responses;
    return responses[served < responses.length ? served : responses.length - 1] as ReplayResponse;
  }

  /** Plays a response of `rule` now (held, if the user paused the rule). */
  play(rule: ReplayRule, response: ReplayResponse, out: PlayerOutlet): Player {
    const player = new Player(response, rule.pace, out, PAGE_HOST);
    const live: Player[] = [];
    const before = this.players[rule.id] ?? [];
    for (let i = 0; i < before.length; i++) if (!(before[i] as Player).over) live[live.length] = before[i] as Player;
    live[live.length] = player;
    this.players[rule.id] = live;
    player.start(this.paused[rule.id] === true);
    return player;
  }
}

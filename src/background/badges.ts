/**
 * The toolbar button of each tab: its badge counts the tab's live connections; while replay rules
 * are on in the tab it says so plainly — a ▶ before the count, another colour, and a title that
 * names how many rules answer instead of the servers.
 */

const LIVE_COLOR = '#1a73e8';
const REPLAY_COLOR = '#c5221f';

/** What the badge needs of the browser's `action` API. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string | null }): Promise<void>;
}

export class Badges {
  private readonly live = new Map<number, number>();
  private readonly rules = new Map<number, number>();

  constructor(
    private readonly action: ActionApi,
    /** The button's title while `count` rules are on. */
    private readonly replayTitle: (count: number) => string,
  ) {}

  open(tabId: number, open: number): void {
    this.live.set(tabId, open);
    this.show(tabId);
  }

  replaying(tabId: number, on: number): void {
    const was = this.rules.get(tabId) ?? 0;
    if (on > 0) this.rules.set(tabId, on);
    else this.rules.delete(tabId);
    this.show(tabId);
    // The default title again once no rule is on (null: the manifest's).
    if (on > 0 || was > 0)
      this.action.setTitle({ tabId, title: on > 0 ? this.replayTitle(on) : null }).catch(() => undefined);
  }

  forget(tabId: number): void {
    this.live.delete(tabId);
    this.rules.delete(tabId);
  }

  private show(tabId: number): void {
    const open = this.live.get(tabId) ?? 0;
    const count = open > 0 ? String(open) : '';
    const replaying = this.rules.has(tabId);
    const text = replaying ? `▶${count}` : count;
    this.action.setBadgeText({ tabId, text }).catch(() => undefined);
    this.action.setBadgeBackgroundColor({ tabId, color: replaying ? REPLAY_COLOR : LIVE_COLOR }).catch(() => undefined);
  }
}

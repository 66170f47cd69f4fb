/**
 * The toolbar popup: the tab's connections, live (state, URL, events, rate, last event), export
 * buttons for the tab's capture, and the other tabs that have connections or replay rules on (a
 * click switches to one); a tab replaying says so first. DevTools' SSE panel has the full view.
 */

import { useEffect, useState } from 'preact/hooks';
import { sourceOf, toCaptureFile } from '../files/capture-file';
import { message, type PopupToBackground, type TabSummary } from '../messages/messages';
import { browser } from '../platform/browser';
import { LanguageSetting } from '../ui/LanguageSetting';
import { replayRules } from '../ui/replay-rules';
import { type ExportKind, saveExport, toolName } from '../ui/save-export';
import type { PanelStore } from '../ui/store';
import { t, tn } from '../ui/text/catalogue';
import { findingSummary } from '../ui/text/findings';
import { eventRate, formatDuration, formatRate, middleCut } from '../ui/text/format';
import { describeState } from '../ui/text/states';

interface OtherTab extends TabSummary {
  title: string;
  windowId?: number;
}

/** API names: the same in every language. */
const KIND = { eventsource: 'EventSource', fetch: 'fetch', xhr: 'XHR' } as const;

function useOtherTabs(tabId: number): OtherTab[] {
  const [tabs, setTabs] = useState<OtherTab[]>([]);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const summaries = (await browser.runtime.sendMessage(message<PopupToBackground>({ type: 'tabs' }))) as
        | TabSummary[]
        | undefined;
      const others: OtherTab[] = [];
      for (const summary of summaries ?? []) {
        if (summary.tabId === tabId) continue;
        const tab = await browser.tabs.get(summary.tabId).catch(() => undefined);
        if (tab)
          others.push({
            ...summary,
            title: tab.title || tab.url || t('popup_tab', { id: String(summary.tabId) }),
            windowId: tab.windowId,
          });
      }
      if (!stopped) setTabs(others);
    };
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tabId]);
  return tabs;
}

async function switchTo(tab: OtherTab): Promise<void> {
  await browser.tabs.update(tab.tabId, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
}

export function Popup({ store, tabId }: { store: PanelStore; tabId: number }) {
  void store.version.value;
  const now = store.now.value;
  const { capture } = store;
  const others = useOtherTabs(tabId);
  const save = (kind: ExportKind) => saveExport(toCaptureFile(sourceOf(capture, findingSummary), toolName()), kind);
  const replaying = replayRules.on.value;
  return (
    <main>
      <h2>{t('popup_this_tab')}</h2>
      {replaying > 0 && (
        <p class="replaying" role="status" data-replaying={replaying}>
          {t('popup_replaying', { count: replaying })}
        </p>
      )}
      {capture.connections.length === 0 ? (
        <p class="empty" role="status">
          {store.reachable.value === false ? t('popup_unreachable') : t('popup_none_yet')}
        </p>
      ) : (
        <>
          <ul class="list connections" aria-label={t('popup_connections_label')}>
            {capture.connections.map((c) => {
              const state = describeState(c);
              const live = c.endedAt === undefined && !c.gone;
              return (
                <li key={c.key} data-connection={c.ordinal} data-state={c.state}>
                  <span class={`badge ${state.tone}`} title={state.text}>
                    {state.label}
                  </span>
                  <span class="url" title={c.url}>
                    {middleCut(c.url, 70)}
                  </span>
                  <span>{KIND[c.kind]}</span>
                  <span class="stats" data-stats>
                    {tn('count_events', c.events)} · {live ? formatRate(eventRate(c.times, now)) : t('state_ended')}
                    {' · '}
                    {c.lastEventAt === undefined
                      ? t('popup_no_event_yet')
                      : t('popup_last_ago', { duration: formatDuration(now - c.lastEventAt) })}
                  </span>
                </li>
              );
            })}
          </ul>
          <div class="actions">
            <span class="note">{t('popup_export')}</span>
            <button type="button" data-export="json" onClick={() => save('json')}>
              {t('export_json')}
            </button>
            <button type="button" data-export="ndjson" onClick={() => save('ndjson')}>
              NDJSON
            </button>
            <button type="button" data-export="har" onClick={() => save('har')}>
              HAR
            </button>
          </div>
        </>
      )}
      {others.length > 0 && (
        <>
          <h2>{t('popup_other_tabs')}</h2>
          <ul class="list tabs" aria-label={t('popup_other_tabs_label')}>
            {others.map((tab) => (
              <li key={tab.tabId} data-tab={tab.tabId}>
                <button
                  type="button"
                  class="link tab-title"
                  title={t('popup_switch_title', { title: tab.title })}
                  onClick={() => void switchTo(tab)}
                >
                  {middleCut(tab.title, 60)}
                </button>
                <span data-tab-counts>
                  {t('popup_tab_counts', { open: tab.open, connections: tn('count_connections', tab.connections) })}
                </span>
                {tab.replaying !== undefined && tab.replaying > 0 && (
                  <span class="replaying" data-tab-replaying={tab.replaying}>
                    {t('popup_tab_replaying', { count: tab.replaying })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <footer class="popup-footer">
        <LanguageSetting />
      </footer>
    </main>
  );
}

// Runs in panel.html: the DevTools panel "SSE", or an ordinary tab at panel.html?tabId=N.
import { render } from 'preact';
import { NETWORK_CAPTURE } from '../core/capture-settings';
import { updateStoredTabs } from '../platform/stored-setting';
import { followLanguage } from '../ui/i18n';
import { Localized } from '../ui/Localized';
import { createPanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { followTheme } from '../ui/theme';
import { linkToBackground } from '../ui/worker-link';
import { App } from './App';
import { inspectedTabId } from './inspected-tab';
import { createSession } from './session';

const root = document.getElementById('app') as HTMLElement;
const tabId = inspectedTabId();
followTheme();
followLanguage();
if (tabId === undefined) {
  root.textContent = t('panel_no_tab');
} else {
  // `&network=1` (scripts, detached windows): network capture on for the tab, as ⚙ would turn it.
  if (new URLSearchParams(location.search).get('network') === '1')
    void updateStoredTabs(NETWORK_CAPTURE.key, NETWORK_CAPTURE.area, tabId, true);
  const store = createPanelStore();
  linkToBackground(tabId, store);
  // For diagnostics and the benchmarks: the live store, from this page's console.
  Object.assign(globalThis, { sseScope: { store } });
  const session = createSession(store);
  render(
    <Localized>
      <App session={session} tabId={tabId} />
    </Localized>,
    root,
  );
}

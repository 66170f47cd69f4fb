// Runs in popup.html: the toolbar button's popup, or an ordinary tab at popup.html?tabId=N.
import { render } from 'preact';
import { browser } from '../platform/browser';
import { followLanguage } from '../ui/i18n';
import { Localized } from '../ui/Localized';
import { createPanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { followTheme } from '../ui/theme';
import { linkToBackground } from '../ui/worker-link';
import { Popup } from './Popup';

async function tabToShow(): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null) return Number(fromQuery);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

const root = document.getElementById('app') as HTMLElement;
followTheme();
followLanguage();
void tabToShow().then((tabId) => {
  if (tabId === undefined || !Number.isSafeInteger(tabId)) {
    root.textContent = t('no_tab');
    return;
  }
  const store = createPanelStore();
  linkToBackground(tabId, store);
  render(
    <Localized>
      <Popup store={store} tabId={tabId} />
    </Localized>,
    root,
  );
});

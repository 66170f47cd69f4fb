/**
 * A connection's fault controls as items, for its context menu and its detail's Faults group: one
 * click each (inject, hold and delay open their forms), disabled with the reason where this browser cannot do one
 * faithfully or network capture is off for the tab.
 */
import { signal } from '@preact/signals';
import { NETWORK_CAPTURE } from '../core/capture-settings';
import type { ConnectionView } from '../core/store/views';
import { debuggerApi } from '../platform/browser';
import { watchStoredSetting } from '../platform/stored-setting';
import { FAULT_TEXT, faultControls } from '../ui/faults';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { openAmountForm } from './AmountForm';
import { openInjectForm } from './InjectForm';
import { inspectedTabId } from './inspected-tab';

/** Tabs network capture is on for, as stored. */
const networkTabs = signal<readonly unknown[]>([]);
watchStoredSetting(
  NETWORK_CAPTURE.key,
  (stored) => {
    networkTabs.value = Array.isArray(stored) ? stored : [];
  },
  NETWORK_CAPTURE.area,
);

export interface FaultItem {
  id: string;
  label: string;
  /** Why it cannot be used, shown on the disabled item. */
  disabled?: string;
  run(): void;
}

export function faultItems(store: PanelStore, connection: ConnectionView): FaultItem[] {
  const on = networkTabs.value.includes(inspectedTabId());
  return faultControls(connection, debuggerApi() ? 'chrome' : 'firefox', on).map(({ fault, disabled }) => ({
    id: `fault-${fault}`,
    label: t(FAULT_TEXT[fault].menu),
    ...(disabled ? { disabled: t(disabled) } : {}),
    run: () => {
      if (fault === 'inject') openInjectForm(connection);
      else if (fault === 'hold' || fault === 'delay') openAmountForm(connection, fault);
      else store.faults.ask(connection, fault);
    },
  }));
}

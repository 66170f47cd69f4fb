import { useEffect } from 'preact/hooks';
import { Interpolated } from '../ui/Interpolated';
import { t, tn } from '../ui/text/catalogue';
import { AmountForm } from './AmountForm';
import { ConnectionList } from './ConnectionList';
import { ContextMenu } from './ContextMenu';
import { EmptyState } from './EmptyState';
import { EventDetail } from './EventDetail';
import { EventTable } from './EventTable';
import { FilterBar } from './FilterBar';
import { InjectForm } from './InjectForm';
import { LoadingBar } from './LoadingBar';
import { ReplayBanner } from './ReplayBanner';
import { ReplayRules } from './ReplayRules';
import { replayView } from './replay-item';
import type { Session } from './session';
import { Timeline } from './Timeline';
import { Toolbar } from './Toolbar';

/**
 * The panel: toolbar, the replay banner and rules, filter bar, connections, timeline, the event table
 * and the selected event.
 */
export function App({ session, tabId }: { session: Session; tabId: number }) {
  const store = session.active.value;
  // Reading the version re-renders the App on every change (signals skip components whose props did not change).
  void store.version.value;
  const { capture } = store;
  const imported = session.imported.value;
  useEffect(() => {
    // Ctrl/⌘+F goes to the filter box, as in DevTools' panels.
    const onKey = (keyboard: KeyboardEvent) => {
      if (!(keyboard.ctrlKey || keyboard.metaKey) || keyboard.key.toLowerCase() !== 'f') return;
      const box = document.querySelector<HTMLInputElement>('[data-action="filter"]');
      if (!box) return;
      keyboard.preventDefault();
      box.focus();
      box.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  let selected = store.selected.value;
  // The selected event's page went away (a navigation without preserve log).
  if (selected && !capture.connections.includes(selected.connection)) selected = undefined;
  const onDrop = (drop: DragEvent) => {
    const file = drop.dataTransfer?.files[0];
    if (!file) return;
    drop.preventDefault();
    void session.loadFile(file);
  };
  return (
    <main
      class="panel"
      onDragOver={(drag) => {
        if (drag.dataTransfer?.types.includes('Files')) drag.preventDefault();
      }}
      onDrop={onDrop}
    >
      <Toolbar store={store} session={session} />
      <ContextMenu />
      <InjectForm store={store} />
      <AmountForm store={store} />
      <ReplayBanner />
      <LoadingBar store={store} file={imported?.name} />
      {imported && (
        <div class="banner" role="status" data-imported>
          <Interpolated text={t('imported_from')} values={{ name: <strong>{imported.name}</strong> }} />
          {imported.skipped > 0 && ` ${tn('imported_skipped', imported.skipped)}`}
          {imported.note && <span data-import-note> {t(imported.note)}</span>}{' '}
          <button type="button" data-action="back-to-live" onClick={() => session.backToLive()}>
            {t('imported_back_to_live')}
          </button>
        </div>
      )}
      {session.importError.value && (
        <div class="banner warn" role="alert" data-import-error>
          {t('import_failed', session.importError.value)}
        </div>
      )}
      {replayView.value && <ReplayRules connections={session.live.capture.connections} />}
      {capture.connections.length === 0 ? (
        imported ? (
          <p class="empty" role="status">
            {t('imported_empty')}
          </p>
        ) : (
          <EmptyState store={store} tabId={tabId} />
        )
      ) : (
        <>
          <FilterBar store={store} />
          <ConnectionList store={store} />
          <Timeline store={store} />
          <div class="split">
            <EventTable store={store} />
            {selected && store.detailOpen.value && <EventDetail store={store} event={selected} />}
          </div>
        </>
      )}
    </main>
  );
}

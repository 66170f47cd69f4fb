import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';

/**
 * While a backlog loads (the panel opened on a tab that captured much) or a file is read: how many
 * records are in, of how many, as a bar and in words. What is in can be used meanwhile.
 */
export function LoadingBar({ store, file }: { store: PanelStore; file?: string }) {
  const loading = store.loading.value;
  if (!loading) return null;
  const { done, total } = loading;
  const text =
    file === undefined ? t('loading_backlog', { done, total }) : t('loading_import', { name: file, done, total });
  return (
    <div class="loading-bar" role="status" data-loading={`${done}/${total}`}>
      <progress max={total} value={done} aria-label={text} />
      <span class="loading-text">{text}</span>
    </div>
  );
}

/** Says plainly, over the whole panel, that replay rules answer instead of the servers in this tab. */
import { replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';
import { replayView } from './replay-item';

export function ReplayBanner() {
  const on = replayRules.on.value;
  if (on === 0) return null;
  return (
    <div class="banner replaying" role="status" data-replaying={on}>
      {t('replay_banner', { count: on })}{' '}
      <button type="button" data-action="show-replay-rules" onClick={() => (replayView.value = true)}>
        {t('replay_banner_show')}
      </button>
    </div>
  );
}

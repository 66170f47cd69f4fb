/**
 * One replay rule in the rules view: on or off, its name and URL pattern (edited in place, the
 * pattern with a live count of the tab's connections it matches), its pace, the player's controls
 * (the next chunk when played by hand, pause and resume otherwise), edit and delete. A change goes
 * to the worker as the field is left; until the worker keeps it, the row shows what it has.
 */
import { useState } from 'preact/hooks';
import { matchesUrl, REPLAY_LIMITS, REPLAY_PACES, type ReplayPace, type ReplayRule } from '../core/replay-rule';
import type { ConnectionView } from '../core/store/views';
import { replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';
import { PACE_TEXT } from '../ui/text/replay';

const typed = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function ReplayRuleRow({
  rule,
  connections,
  editing,
  onEdit,
}: {
  rule: ReplayRule;
  connections: readonly ConnectionView[];
  editing: boolean;
  onEdit(): void;
}) {
  const [name, setName] = useState<string | undefined>(undefined);
  const [match, setMatch] = useState<string | undefined>(undefined);
  const [paused, setPaused] = useState(false);
  const pattern = match ?? rule.match;
  const matching = connections.filter((c) => matchesUrl(pattern, c.url)).length;
  const change = (next: Partial<ReplayRule>) => replayRules.update({ ...rule, ...next });
  return (
    <li data-rule={rule.id} data-on={rule.on}>
      <input
        type="checkbox"
        data-action="rule-on"
        aria-label={t('replay_rule_on')}
        title={t('replay_rule_on')}
        checked={rule.on}
        onChange={(e) => change({ on: (e.currentTarget as HTMLInputElement).checked })}
      />
      <input
        class="rule-name"
        data-field="name"
        aria-label={t('replay_name')}
        title={t('replay_name')}
        maxLength={REPLAY_LIMITS.nameChars}
        value={name ?? rule.name}
        onInput={(e) => setName(typed(e))}
        onChange={(e) => {
          setName(undefined);
          if (typed(e) !== rule.name) change({ name: typed(e) });
        }}
      />
      <input
        class="rule-match"
        data-field="match"
        aria-label={t('replay_match')}
        title={t('replay_match_title')}
        spellcheck={false}
        maxLength={REPLAY_LIMITS.patternChars}
        value={pattern}
        onInput={(e) => setMatch(typed(e))}
        onChange={(e) => {
          setMatch(undefined);
          if (typed(e) !== rule.match) change({ match: typed(e) });
        }}
      />
      <span class="note" data-matches={matching}>
        {t('replay_matches', { count: matching, total: connections.length })}
      </span>
      <select
        data-field="pace"
        aria-label={t('replay_pace')}
        title={t('replay_pace')}
        value={rule.pace}
        onChange={(e) => change({ pace: typed(e) as ReplayPace })}
      >
        {REPLAY_PACES.map((pace) => (
          <option key={pace} value={pace}>
            {t(PACE_TEXT[pace])}
          </option>
        ))}
      </select>
      {rule.on && rule.pace === 'step' && (
        <>
          <button type="button" data-action="rule-next-event" onClick={() => replayRules.step(rule.id, 'next-event')}>
            {t('replay_next_event')}
          </button>
          <button type="button" data-action="rule-next" onClick={() => replayRules.step(rule.id, 'next')}>
            {t('replay_next')}
          </button>
        </>
      )}
      {rule.on && rule.pace !== 'step' && (
        <button
          type="button"
          data-action={paused ? 'rule-resume' : 'rule-pause'}
          onClick={() => {
            replayRules.step(rule.id, paused ? 'resume' : 'pause');
            setPaused(!paused);
          }}
        >
          {paused ? t('replay_resume') : t('replay_pause')}
        </button>
      )}
      <button type="button" data-action="rule-edit" aria-expanded={editing} onClick={onEdit}>
        {t('replay_edit')}
      </button>
      <button type="button" data-action="rule-delete" onClick={() => replayRules.remove(rule.id)}>
        {t('replay_delete')}
      </button>
    </li>
  );
}

/** What replay rules say to the user: each pace, why the worker refused a change, why a connection makes no rule. */
import type { ReplayPace, RuleProblem } from '../../core/replay-rule';
import type { NoRule } from '../../files/replay-from-capture';
import { type MessageKey, t } from './catalogue';

export const PACE_TEXT: Record<ReplayPace, MessageKey> = {
  x1: 'replay_pace_x1',
  x2: 'replay_pace_x2',
  x10: 'replay_pace_x10',
  instant: 'replay_pace_instant',
  step: 'replay_pace_step',
};

export const NO_RULE_TEXT: Record<NoRule['noRule'], MessageKey> = {
  empty: 'replay_no_rule_empty',
  masked: 'replay_no_rule_masked',
};

/** A rule's fields as the editor names them; the others (which the editor cannot get wrong) by their own name. */
const FIELDS: Record<string, MessageKey> = {
  name: 'replay_name',
  match: 'replay_match',
  pace: 'replay_pace',
  status: 'replay_status',
  contentType: 'replay_content_type',
  'chunks.at': 'replay_chunk_at',
  'chunks.text': 'replay_chunk_text',
};

/** Why the worker refused the rules, in words. */
export function ruleProblemText(problem: RuleProblem): string {
  switch (problem.problem) {
    case 'not-rules':
      return t('replay_refused_not_rules');
    case 'too-many':
      return t('replay_refused_too_many', { limit: problem.limit });
    case 'too-large':
      return t('replay_refused_too_large', { limit: problem.limit });
    case 'bad-field': {
      const field = FIELDS[problem.field];
      return t('replay_refused_field', { rule: problem.rule + 1, field: field ? t(field) : problem.field });
    }
  }
}

/** A replayed connection's mark: which rule answered it, and at what pace. */
export const replayedTitle = (replay: { name: string; pace: ReplayPace }): string =>
  t('replay_tag_title', { name: replay.name, pace: t(PACE_TEXT[replay.pace]) });

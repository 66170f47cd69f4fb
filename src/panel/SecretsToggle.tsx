/** Shows a connection's secrets, which came masked, when the user asks (and hides them again). */

import { useState } from 'preact/hooks';
import type { ConnectionView } from '../core/store/views';
import { hasMasked, type Secrets } from '../ui/secrets';
import { t } from '../ui/text/catalogue';
import { Tools } from './Tools';

export function SecretsToggle({ connection, secrets }: { connection: ConnectionView; secrets: Secrets }) {
  /** Asking, or asked and none were kept (an imported file, a page gone), for this connection. */
  const [asked, setAsked] = useState<{ key: string; kept?: boolean } | undefined>(undefined);
  const shown = secrets.shown.value.has(connection.key);
  if (!shown && !hasMasked(connection)) return null;
  const mine = asked?.key === connection.key ? asked : undefined;
  return (
    <Tools>
      {mine?.kept === false && (
        <span class="note" data-secrets-not-kept>
          {t('secrets_not_kept')}
        </span>
      )}
      {shown ? (
        <button type="button" data-action="hide-secrets" onClick={() => secrets.hide(connection)}>
          {t('secrets_hide')}
        </button>
      ) : (
        <button
          type="button"
          data-action="show-secrets"
          disabled={mine !== undefined && mine.kept === undefined}
          title={t('secrets_show_title')}
          onClick={async () => {
            const key = connection.key;
            setAsked({ key });
            setAsked({ key, kept: await secrets.show(connection) });
          }}
        >
          {t('secrets_show')}
        </button>
      )}
    </Tools>
  );
}

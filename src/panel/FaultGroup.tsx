/** The Faults group of a connection's detail: the same controls as its context menu's fault items. */
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { faultItems } from './fault-items';

export function FaultGroup({ store, connection }: { store: PanelStore; connection: ConnectionView }) {
  return (
    <div class="request" data-faults-group>
      <h4>{t('faults_group')}</h4>
      <div class="fault-controls">
        {faultItems(store, connection).map((item) => (
          <button
            key={item.id}
            type="button"
            class="link"
            data-fault-control={item.id}
            disabled={item.disabled !== undefined}
            title={item.disabled}
            onClick={() => item.run()}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}

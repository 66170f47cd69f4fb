/** A button that copies a text and says whether it did. */

import { useState } from 'preact/hooks';
import { t } from '../ui/text/catalogue';
import { copyText } from './clipboard';

export function CopyButton({ label, text, name }: { label: string; text: () => string; name: string }) {
  const [done, setDone] = useState<boolean | undefined>(undefined);
  return (
    <button
      type="button"
      data-copy={name}
      onClick={async () => {
        setDone(await copyText(text()));
        setTimeout(() => setDone(undefined), 1500);
      }}
    >
      {done === undefined ? label : done ? t('copied') : t('copy_failed')}
    </button>
  );
}

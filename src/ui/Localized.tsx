/**
 * Renders its content again, from scratch, when the UI's language changes: every text, every
 * number and the timeline's canvas are then written in the new language.
 */
import type { ComponentChildren } from 'preact';
import { language } from './i18n';

export function Localized({ children }: { children: ComponentChildren }) {
  return (
    <div key={language.value} class="localized">
      {children}
    </div>
  );
}

// Runs in devtools.html, once per DevTools window: adds the "SSE" panel.
import { devtools } from '../platform/browser';

devtools()?.panels.create('SSE', 'icons/icon-32.png', 'panel.html');

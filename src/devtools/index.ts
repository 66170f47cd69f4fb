// Runs in devtools.html, once per DevTools window: adds the "SSE" panel, titled from the catalogue.
import { browser, devtools } from '../platform/browser';

devtools()?.panels.create(browser.i18n.getMessage('panelTitle') || 'SSE', 'icons/icon-32.png', 'panel.html');

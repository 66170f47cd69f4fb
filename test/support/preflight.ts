// Runs before `npm test`: makes sure a Chromium that can load the extension is here, or says what to install; the same for Firefox.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from '../harness/find-chromium';
import { FIREFOX_HINT, findFirefox } from '../harness/firefox';

if (!findChromium() && !process.env.CHROMIUM_PATH) {
  console.log('No Chromium found. Trying Playwright’s own: npx playwright install chromium');
  try {
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  } catch {
    // No network, or no permission: the hint below says what to do instead.
  }
}
const chromium = findChromium();
if (!chromium) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
console.log(`Testing with ${chromium}`);
// Debian's Chromium speaks only English without its language packs; one test runs it in Korean.
if (chromium.startsWith('/usr/lib/chromium/') && !existsSync('/usr/lib/chromium/locales/ko.pak'))
  console.warn(
    'Chromium has no language packs: the test of a browser in Korean fails until `apt-get install chromium-l10n`.',
  );
const firefox = findFirefox();
if (firefox) console.log(`Testing with ${firefox}`);
else console.warn(`${FIREFOX_HINT}\nThe Firefox tests are skipped until then.`);

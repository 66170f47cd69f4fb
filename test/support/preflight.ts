// Runs before `npm test`: makes sure a Chromium that can load the extension is here, or says what to install.
import { execSync } from 'node:child_process';
import { findChromium, INSTALL_HINT } from '../../src/dev/find-chromium';

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

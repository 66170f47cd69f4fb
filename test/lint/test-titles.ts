// Part of `npm run lint`: an end-to-end test's title states one claim, in 80 characters at most, so
// that a failure's one line says what broke. The titles are read from Playwright's own listing, so
// titles built in loops are checked as they run.
import { execFileSync } from 'node:child_process';

const LIMIT = 80;
const PROJECTS = ['e2e', 'firefox'];

interface Suite {
  title: string;
  type?: string;
  file?: string;
  specs?: { title: string; file: string; line: number }[];
  suites?: Suite[];
}

const listing = execFileSync(
  'npx',
  ['playwright', 'test', '--list', '--reporter=json', ...PROJECTS.map((project) => `--project=${project}`)],
  { encoding: 'utf8', maxBuffer: 64 << 20 },
);
const report = JSON.parse(listing) as { suites: Suite[] };

/** Every title in the listing, describe blocks' included, with where it is written. */
function titles(suite: Suite, file: string): { title: string; at: string }[] {
  const own = suite.type === 'describe' ? [{ title: suite.title, at: file }] : [];
  const specs = (suite.specs ?? []).map((spec) => ({ title: spec.title, at: `${spec.file}:${spec.line}` }));
  return [...own, ...specs, ...(suite.suites ?? []).flatMap((child) => titles(child, suite.file ?? file))];
}

const all = report.suites.flatMap((suite) => titles(suite, suite.file ?? suite.title));
const unique = [...new Map(all.map((entry) => [`${entry.at} ${entry.title}`, entry])).values()];
const long = unique.filter(({ title }) => title.length > LIMIT);
if (long.length > 0) {
  const lines = long.map(({ title, at }) => `${at} (${title.length}): ${title}`);
  console.error(
    `Test titles over ${LIMIT} characters (one claim each; say the rest in the test):\n  ${lines.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`test-titles: ${unique.length} titles in ${PROJECTS.join(' and ')}, none over ${LIMIT} characters`);

// Part of `npm run lint`: the UI's words come from the message catalogue (extension/_locales), so
// that every language has them all. This finds words written into the UI's code instead: text
// between JSX tags, text in user-facing attributes (title, aria-label, placeholder, alt, label,
// legend), sentences in string literals, and literal messages of thrown errors. A literal that is
// not for people to read (a CSS class, a selector, an API's name) is skipped when its line says
// `not-ui-text` in a comment; a module that writes source code (its comments in English, as code's
// are) says `not-ui-text (the whole module)` once at its top.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
/** Where the UI's words are written (the pages, and `ui/text`), and modules that must hold none: findings and imports are data. */
const UI = ['src/panel', 'src/popup', 'src/ui', 'src/devtools'];
const TEXT_MODULES = ['src/files', 'src/core/insights'];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** The code without comments, with string and template contents kept (positions stay). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, (match, before: string | undefined) =>
    match.startsWith('/*')
      ? match.replace(/[^\n]/g, ' ')
      : `${before ?? ''}${' '.repeat(match.length - (before ?? '').length)}`,
  );
}

/** Two words with a space between: a phrase (a URL, a file name or a selector has no space). */
const WORDS = /[A-Za-z]{2,}[,.:;!?]? +[A-Za-z]{2,}/;
const STRING = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
const ATTRIBUTE = /\b(title|aria-label|placeholder|alt|label|legend)=["']([^"']*[A-Za-z]{2,}[^"']*)["']/g;
/** Text between a tag's end and the next tag or expression: `>Some words<` or `>words{`. */
const JSX_TEXT = /(?<![=-])>([^<>{}()=;`]*[A-Za-z]{2,}[^<>{}()=;`]*)(?=<|\{)/g;

const found: string[] = [];
const report = (file: string, source: string, index: number, what: string) => {
  const line = source.slice(0, index).split('\n').length;
  const lineText = source.split('\n')[line - 1] ?? '';
  if (lineText.includes('not-ui-text')) return;
  found.push(`${relative(root, file)}:${line}: ${what}`);
};

for (const file of [...UI, ...TEXT_MODULES].flatMap((path) => files(join(root, path)))) {
  if (!/\.(ts|tsx)$/.test(file)) continue;
  const source = readFileSync(file, 'utf8');
  if (source.slice(0, 800).includes('not-ui-text (the whole module)')) continue;
  const code = withoutComments(source);
  const tsx = file.endsWith('.tsx');
  if (tsx) {
    for (const match of code.matchAll(JSX_TEXT)) {
      const text = (match[1] as string).trim();
      // `a > b` and arrow functions are code, not markup; markup text has no operators around it.
      // Names of formats and APIs in capitals (HAR, NDJSON) read the same in every language.
      if (text !== '' && !/^[A-Z0-9 ().-]+$/.test(text) && !/[&|+*]|\?\.|\bconst\b|\breturn\b/.test(text))
        report(file, source, match.index ?? 0, `text in markup: "${text}"`);
    }
    for (const match of code.matchAll(ATTRIBUTE)) report(file, source, match.index ?? 0, `${match[1]}="${match[2]}"`);
  }
  for (const match of code.matchAll(STRING)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    const before = code.slice(Math.max(0, (match.index ?? 0) - 40), match.index);
    if (/\bimport\b[^;]*$|\bfrom\s*$|class(Name)?=\{?\s*$|data-[\w-]+=\{?\s*$|querySelector(All)?\(\s*$/.test(before))
      continue;
    const prose = text.replace(/\$\{[^}]*\}/g, ' ');
    // A typed error's kind (`new ImportError('not-har')`) is an id the UI words, not a message.
    const thrown =
      /throw new \w*Error\(\s*$/.test(before) && /[A-Za-z]{2,}/.test(prose) && !/^[a-z]+(-[a-z]+)*$/.test(prose);
    if (WORDS.test(prose) || thrown)
      report(file, source, match.index ?? 0, `words in a string: ${JSON.stringify(text.slice(0, 60))}`);
  }
}

if (found.length > 0) {
  console.error(
    `User-facing words outside the message catalogue (add them to every extension/_locales/*/messages.json and use t()):\n  ${found.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('ui-literals: the UI takes its words from the message catalogue');

/** The store listing of one language (store/listing/<lang>.md): its `## ` sections, by name. */
import { readFileSync } from 'node:fs';

export interface Listing {
  name: string;
  /** The short description: the manifest's `extDescription`. */
  summary: string;
  /** The promotional tile's line. */
  tagline: string;
  description: string;
}

export function readListing(language: string): Listing {
  const text = readFileSync(new URL(`../../store/listing/${language}.md`, import.meta.url), 'utf8');
  const sections = new Map(
    text
      .split(/^## /m)
      .slice(1)
      .map((part) => {
        const [title = '', ...body] = part.split('\n');
        return [title.trim(), body.join('\n').trim()] as const;
      }),
  );
  const section = (title: string) => {
    const body = sections.get(title);
    if (!body) throw new Error(`store/listing/${language}.md has no "## ${title}"`);
    return body;
  };
  return {
    name: section('Name'),
    summary: section('Summary'),
    tagline: section('Tagline'),
    description: section('Description'),
  };
}

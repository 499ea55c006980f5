// The vendors' own examples kept in test/sources/<source>/fixtures/ (each folder's PROVENANCE.md
// says where they come from), for specs that check one adapter against the others' examples.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const SOURCES = new URL('./', import.meta.url);

export interface VendorExample {
  readonly source: string;
  readonly name: string;
  readonly body: unknown;
}

/** Every JSON example of every source's fixtures folder but `except`'s. */
export function otherVendorsExamples(except: string): VendorExample[] {
  return readdirSync(SOURCES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== except && existsSync(new URL(`${entry.name}/fixtures/`, SOURCES)))
    .flatMap(({ name: source }) => {
      const folder = new URL(`${source}/fixtures/`, SOURCES);
      return readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .map((name) => ({ source, name, body: JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as unknown }));
    });
}

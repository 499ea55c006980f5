// The docs hold together: every relative link in the README and docs/ leads to a file that exists
// (and to a heading of it, when it names one), and every "DESIGN §N" (or "docs/design.md §N") in
// the code, tests, benchmarks and docs names a numbered heading of docs/design.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorsOf, headingsOf, linksIn, sectionCitations, sectionNumbersOf } from './markdown.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DESIGN = join(ROOT, 'docs/design.md');

/** The markdown a reader follows from the README. */
const READMES = ['README.md', 'test/README.md'];
/** Where "DESIGN §N" may be cited. */
const CITING = ['src', 'machines', 'test', 'bench', 'examples', 'docs', 'README.md'];
const SOURCE_FILE = /\.(ts|js|mjs|md)$/;

function filesUnder(path: string): string[] {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [path];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : filesUnder(join(path, entry.name)),
  );
}

const markdown = [...READMES, ...filesUnder('docs').filter((path) => path.endsWith('.md'))];

describe('links in the README and docs/', () => {
  it.each(markdown)('%s: every relative link resolves, anchors included', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const broken = linksIn(text).flatMap(({ target, line }) => {
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), decodeURI(path));
      if (!existsSync(resolved)) return [`line ${line}: ${target} (no such file: ${relative(ROOT, resolved)})`];
      if (anchor === undefined || !resolved.endsWith('.md')) return [];
      return anchorsOf(readFileSync(resolved, 'utf8')).has(anchor) ? [] : [`line ${line}: ${target} (no heading #${anchor} in ${relative(ROOT, resolved)})`];
    });
    expect(broken).toEqual([]);
  });
});

describe('headings in the README, docs/ and bench/README.md', () => {
  // A repeated heading gets a numbered anchor, so a link to it lands on the first; in a long
  // document it is mostly a section pasted twice.
  it.each([...markdown, 'bench/README.md'])('%s: no heading repeats', (file) => {
    const headings = headingsOf(readFileSync(join(ROOT, file), 'utf8'));
    expect(headings.filter((heading, index) => headings.indexOf(heading) !== index)).toEqual([]);
  });
});

describe('DESIGN § citations', () => {
  const sections = sectionNumbersOf(readFileSync(DESIGN, 'utf8'));

  it('docs/design.md numbers its sections and the ordering contract’s items 1 to 10', () => {
    for (const section of ['1', '2', '3', '4', '5', '6', '7']) expect(sections).toContain(section);
    for (let item = 1; item <= 10; item += 1) expect(sections).toContain(`4.${item}`);
  });

  it('every § cited in src, machines, test, bench, examples, docs and the README has its heading in docs/design.md', () => {
    const cited = CITING.flatMap(filesUnder)
      .filter((file) => SOURCE_FILE.test(file))
      .flatMap((file) =>
        sectionCitations(readFileSync(join(ROOT, file), 'utf8')).map(({ section, line }) => ({ at: `${file}:${line}`, section })),
      );
    expect(cited.length).toBeGreaterThan(100);
    expect(cited.filter(({ section }) => !sections.includes(section))).toEqual([]);
  });
});

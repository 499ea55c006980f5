// The markdown reading the link test relies on: anchors as GitHub makes them, links outside code,
// and § citations in every form the code writes them.
import { describe, expect, it } from 'vitest';
import { anchorsOf, linksIn, sectionCitations, sectionNumbersOf } from './markdown.js';

describe('anchorsOf', () => {
  it('gives a heading the anchor GitHub gives it: lower case, punctuation dropped, spaces as hyphens', () => {
    const text = '# contactstate\n## 4. The ordering contract\n### 4.7 Ties the key cannot order\n## Who may read: the `read` token\n';
    expect([...anchorsOf(text)]).toEqual(['contactstate', '4-the-ordering-contract', '47-ties-the-key-cannot-order', 'who-may-read-the-read-token']);
  });

  it('numbers a repeated heading, and takes no heading from a code block', () => {
    expect([...anchorsOf('## Scores\n```sh\n# not a heading\n```\n## Scores\n')]).toEqual(['scores', 'scores-1']);
  });
});

describe('linksIn', () => {
  it('finds relative links with their line, and leaves out URLs, code spans and code blocks', () => {
    const text = [
      'See [design](docs/design.md#4-the-ordering-contract) and [here](#quick-start).',
      'Not [this](https://example.com) nor `[that](missing.md)`.',
      '```md',
      '[inside](a/fence.md)',
      '```',
      '![chart](docs/chart.png "a title")',
    ].join('\n');
    expect(linksIn(text)).toEqual([
      { target: 'docs/design.md#4-the-ordering-contract', line: 1 },
      { target: '#quick-start', line: 1 },
      { target: 'docs/chart.png', line: 6 },
    ]);
  });
});

describe('§ citations', () => {
  it('reads every form the code cites: "DESIGN §4.7", a list "§1, §5", "docs/design.md §6", a sentence ending "§3."', () => {
    const text = '// DESIGN §4.7: ties\n// (DESIGN §1, §5)\n// docs/design.md §6 and DESIGN §3.\n';
    expect(sectionCitations(text)).toEqual([
      { section: '4.7', line: 1 },
      { section: '1', line: 2 },
      { section: '5', line: 2 },
      { section: '6', line: 3 },
      { section: '3', line: 3 },
    ]);
  });

  it('takes the section numbers from numbered headings only', () => {
    expect(sectionNumbersOf('# Design\n## 1. The data flow\n### Agent\n### 4.10 Reconcile is an event of its own\n')).toEqual(['1', '4.10']);
  });
});

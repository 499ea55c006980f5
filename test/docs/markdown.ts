// Reading markdown as a reader follows it: headings and their anchors as GitHub makes them,
// relative links outside code, and the sections of docs/design.md cited as "DESIGN §N".

/** Lines outside fenced code blocks, with their line numbers (from 1). */
function proseLines(text: string): { text: string; line: number }[] {
  let fenced = false;
  return text.split('\n').flatMap((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [{ text: line, line: index + 1 }];
  });
}

/** The text of every heading, as rendered: code marks, emphasis and link targets left out. */
export function headingsOf(text: string): string[] {
  return proseLines(text).flatMap(({ text: line }) => {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    return heading ? [heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '')] : [];
  });
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a document's headings, a repeated heading numbered as GitHub does (`-1`, `-2`). */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  return new Set(
    headingsOf(text).map((heading) => {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      return count === 0 ? slug : `${slug}-${count}`;
    }),
  );
}

/** Relative link targets outside code (`path`, `path#anchor`, `#anchor`), with their line. */
export function linksIn(text: string): { target: string; line: number }[] {
  return proseLines(text).flatMap(({ text: line, line: number }) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .map((target) => ({ target, line: number })),
  );
}

/** The section numbers docs/design.md gives its headings (`## 4. The…` is 4, `### 4.7 Ties…` is 4.7). */
export function sectionNumbersOf(text: string): string[] {
  return headingsOf(text).flatMap((heading) => {
    const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(heading);
    return number ? [number[1]!] : [];
  });
}

/** Every § a text cites ("DESIGN §4.7", "§1, §5"), with its line. */
export function sectionCitations(text: string): { section: string; line: number }[] {
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(/§\s?(\d+(?:\.\d+)*)/g)].map((match) => ({ section: match[1]!, line: index + 1 })),
  );
}

// How deeply a JSON text nests objects and arrays, counted on the raw text before any parser
// walks it: a recursive walk of a body nested thousands deep overflows the stack.

/** Vendor payloads nest a handful of levels; 64 leaves room without letting recursion run away. */
export const DEFAULT_MAX_NESTING = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENING = ['{', '['] as const;

/**
 * Whether JSON text nests deeper than `limit`. Nesting can be no deeper than the number of '{'
 * and '[' in the text, so a text with at most `limit` of them (a webhook has a handful) is
 * answered by native `indexOf` instead of the character-by-character scan, which costs about
 * as much as JSON.parse.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let opening = 0;
  for (const bracket of OPENING) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++opening > limit) return nestingDepth(text, limit) > limit;
    }
  }
  return false;
}

/** The deepest nesting in JSON text (brackets inside strings do not count); stops once past `stopAbove`. */
export function nestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

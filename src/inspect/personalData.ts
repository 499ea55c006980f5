// What reaches an inspector may leave the process (Stately's hosted viewer runs in a browser
// page loaded from the internet), so personal data is masked by default: the attributes the
// adapters mark personal (a caller's number, address or name in `origin` / `destination`, an
// agent's own number) whole, and anything else that reads as an e-mail address or an
// international phone number wherever it appears (entity ids, captures, idle codes).
//
// A masked value becomes a short keyed hash (`[phone 3fa91c]`): the same value looks the same
// within one run, so a viewer can still follow a caller from task to task, but the key is random
// per process, so the hash cannot be reversed by trying every phone number.
import { createHmac, randomBytes } from 'node:crypto';
import { PERSONAL_ATTRIBUTES } from '../events/canonical.js';

/** Whether personal data reaches an inspector masked (the default) or as it is. */
export type PersonalData = 'masked' | 'unmasked';

export interface Mask {
  /** `value` with personal data masked, as a copy; plain JSON values only. */
  value<T>(value: T): T;
  /** A string with the e-mail addresses and phone numbers in it masked. */
  text(text: string): string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** `+` and 7 to 15 digits, spaces, dots, dashes or brackets between them (E.164 as people write it). */
const PHONE = /\+\d(?:[\s.()-]?\d){6,14}/g;
const PERSONAL_KEYS: ReadonlySet<string> = new Set(PERSONAL_ATTRIBUTES);

export function personalDataMask(key: Buffer = randomBytes(16)): Mask {
  const token = (kind: string, value: string) => `[${kind} ${createHmac('sha256', key).update(value).digest('hex').slice(0, 6)}]`;
  const text = (value: string) => value.replace(EMAIL, (email) => token('email', email)).replace(PHONE, (phone) => token('phone', phone));
  /** A personal attribute: masked whole, named by what it looks like. */
  const whole = (value: string) => {
    const trimmed = value.trim();
    if (new RegExp(`^${EMAIL.source}$`).test(trimmed)) return token('email', trimmed);
    if (/^[+\d\s.()-]+$/.test(trimmed) && /\d/.test(trimmed)) return token('phone', trimmed);
    return token('personal', trimmed);
  };
  const walk = (value: unknown, personal: boolean): unknown => {
    if (typeof value === 'string') return personal ? whole(value) : text(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, personal));
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    // Keys too: a task's participants are keyed by agent id, which may be an e-mail address.
    for (const [field, inner] of Object.entries(value)) copy[text(field)] = walk(inner, personal || PERSONAL_KEYS.has(field));
    return copy;
  };
  return { value: <T>(value: T) => walk(value, false) as T, text };
}

/** Leaves everything as it is: `--inspect-unmasked`, on loopback only. */
export const UNMASKED: Mask = { value: (value) => value, text: (text) => text };

// An event time in a query string: epoch ms or an ISO 8601 date; anything else is bad input.

/** The time `text` names, or what is wrong with it (naming the parameter). */
export function eventTimeParam(name: string, text: string): number | string {
  const time = /^\d{1,15}$/.test(text) ? Number(text) : /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(time) ? time : `${name} must be an event time, epoch ms or an ISO date, not "${text.slice(0, 64)}"`;
}

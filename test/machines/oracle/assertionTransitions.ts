// FROZEN ORACLE: the machine written as a complete table of assertions (every state lists every
// assertion), the reference the lifecycle-shaped machines in machines/ must equal
// (test/machines/reshape.property.test.ts). Do not edit; it shares the live context modules.
// Channel and task machines are tables of assertions: in every state, every assertion is
// accepted and moves to the state it asserts (DESIGN §3: events are assertions, not commands).
// This builds one state's row of that table.

export interface AssertionParams<S extends string> {
  from: S;
  to: S;
}

/**
 * `{ '<prefix>.<to>': { target: to, actions: recordAssertion(from, to) } }` for every state;
 * an assertion of the current state only records its attributes.
 */
export function assertionTransitions<S extends string, P extends string>(prefix: P, states: readonly S[], from: S) {
  const row: Record<string, { target?: S; actions: { type: 'recordAssertion'; params: AssertionParams<S> } }> = {};
  for (const to of states) {
    row[`${prefix}.${to}`] = {
      ...(to === from ? {} : { target: to }),
      actions: { type: 'recordAssertion', params: { from, to } },
    };
  }
  return row;
}

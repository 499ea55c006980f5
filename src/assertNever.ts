// The default of an exhaustive switch: the compiler refuses a case left out (its value is not
// `never`), and should a value the types rule out come anyway, it throws with what it was.

// Stryker disable next-line BlockStatement,StringLiteral: unreachable while every caller's switch is exhaustive
export function assertNever(value: never, what = 'case'): never {
  // Stryker disable next-line StringLiteral: unreachable (above)
  throw new Error(`unhandled ${what} ${JSON.stringify(value)}`);
}

// How many cases each property runs: its own default keeps `npm test` quick, `PROPERTY_RUNS`
// asks for more (or fewer). A value that is not a positive integer stops the run: an empty
// `PROPERTY_RUNS=` read as `Number('') = 0` would run no case at all, and every property would pass.

/** The runs `PROPERTY_RUNS` asks for, or `fallback` when it is unset; throws unless a positive integer. */
export function parsePropertyRuns(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(value)) {
    throw new Error(`PROPERTY_RUNS must be a positive integer (the runs of each property), got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export const propertyRuns = (fallback: number): number => parsePropertyRuns(process.env.PROPERTY_RUNS, fallback);

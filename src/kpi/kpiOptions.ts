// The KPI options, checked and with their defaults filled in: a bad option is a clear error at
// `createEngine`, never a wrong number later.
import { z } from 'zod';
import { isTimeZone } from './timeZoneDays.js';
import { type KpiOptions, SERVICE_LEVEL_FORMULAS, type ServiceLevelFormula } from './kpiTypes.js';

export interface ResolvedKpiOptions {
  timeZone: string;
  serviceLevelThresholdMs: number;
  serviceLevelFormula: ServiceLevelFormula;
  shortAbandonMs: number;
  keepDays: number;
}

const kpiOptionsSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { message: 'not an IANA time zone this runtime knows (e.g. "Europe/Paris")' }).default('UTC'),
  serviceLevelThresholdMs: z.number().int().nonnegative().default(20_000),
  serviceLevelFormula: z.enum(SERVICE_LEVEL_FORMULAS).default('enteredLessShortAbandons'),
  shortAbandonMs: z.number().int().nonnegative().default(5_000),
  keepDays: z.number().int().min(1).max(400).default(8),
});

/** The options with their defaults; throws a RangeError naming each bad option. */
export function resolveKpiOptions(options: KpiOptions): ResolvedKpiOptions {
  const parsed = kpiOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
    throw new RangeError(`kpis options: ${issues}`);
  }
  return parsed.data;
}

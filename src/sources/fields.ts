// Field schemas shared by the source adapters. Every string is bounded, so a hostile payload
// cannot smuggle megabytes into state; every optional field also accepts null (vendors send both).
import { z } from 'zod';

/** An identifier: agent, task, event. */
export const identifier = z.string().min(1).max(256);

/** Free text a vendor sends (names, reasons, numbers). */
export const text = z.string().max(4096);

/** Epoch milliseconds, as a number or a numeric string (Webex sends `comciscotimestamp` as both). */
export const epochMillis = z.union([
  z.number().int().nonnegative().max(8.64e15),
  z
    .string()
    .regex(/^\d{1,16}$/, 'expected epoch milliseconds')
    .transform(Number),
]);

export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

/**
 * The schemas compiled by zod (`z.compile`) into flat validators: the same output, and on a
 * failure zod's runtime parser runs to give the same issues; several times faster on the valid
 * deliveries that are nearly all of them. Where code cannot be generated (node
 * --disallow-code-generation-from-strings) zod hands the schema back as it was: slower, not wrong.
 */
export function compiled<T extends Record<string, z.ZodType>>(schemas: T): T {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, z.compile(schema)])) as T;
}

// Every source adapter, by source id. `recognize` picks one for `--source auto`.
import type { SourceId } from '../events/canonical.js';
import type { ParsedDelivery, SourceAdapter } from './adapter.js';
import { webexAdapter } from './webex/adapter.js';
import { webexSdkAdapter } from './webex-sdk/adapter.js';
import { telaxAdapter } from './telax/adapter.js';
import { vonageAdapter } from './vonage/adapter.js';
import { eightByEightAdapter } from './8x8/adapter.js';

export const SOURCE_ADAPTERS: Partial<Record<SourceId, SourceAdapter>> = {
  webex: webexAdapter,
  'webex-sdk': webexSdkAdapter,
  telax: telaxAdapter,
  vonage: vonageAdapter,
  '8x8': eightByEightAdapter,
};

/** The first adapter that recognises the delivery, in a fixed order (most specific shapes first). */
export function recognize(
  delivery: ParsedDelivery,
  adapters: Partial<Record<SourceId, SourceAdapter>> = SOURCE_ADAPTERS,
): SourceAdapter | undefined {
  return Object.values(adapters).find((adapter) => adapter.recognizes(delivery));
}

// Webex SDK events have no fixtures folder: the SDK publishes no wire format (DESIGN §2 defines
// ours), and the examples in shared/fixtures/vendors/webex* are webhooks for the `webex` source.
// What the fixtures can check is that auto-detection never takes one of them for an SDK event.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webexSdkAdapter } from '../../../src/sources/webex-sdk/adapter.js';

const VENDORS = new URL('../../../../shared/fixtures/vendors/', import.meta.url);

describe('webex-sdk and the vendor fixtures', () => {
  it('has no fixtures folder of its own', () => {
    expect(readdirSync(VENDORS).filter((vendor) => /sdk/i.test(vendor))).toEqual([]);
  });

  it('recognises SDK lines, a failure event without payload included', () => {
    expect(webexSdkAdapter.recognizes({ body: { event: 'task:assigned', payload: {} }, headers: {} })).toBe(true);
    expect(webexSdkAdapter.recognizes({ body: { event: 'agent:logoutFailed' }, headers: {} })).toBe(true);
    expect(webexSdkAdapter.recognizes({ body: { event: 'agent:logoutFailed', type: 'x' }, headers: {} })).toBe(false);
  });

  it('recognises nothing else: no object, an event name of another shape, an event that is not a string', () => {
    for (const body of [null, 'task:assigned', ['task:assigned'], { event: 'channel.held.v1', payload: {} }, { event: ['task:assigned'], payload: {} }]) {
      expect(webexSdkAdapter.recognizes({ body, headers: {} }), JSON.stringify(body)).toBe(false);
    }
  });

  it("no vendor's fixture is taken for an SDK event", () => {
    for (const vendor of readdirSync(VENDORS)) {
      for (const name of readdirSync(new URL(`${vendor}/`, VENDORS)).filter((file) => file.endsWith('.json'))) {
        const body: unknown = JSON.parse(readFileSync(new URL(`${vendor}/${name}`, VENDORS), 'utf8'));
        expect(webexSdkAdapter.recognizes({ body, headers: {} }), `${vendor}/${name}`).toBe(false);
      }
    }
  });
});

// Hand-made Webex webhook bodies for the server tests.
export function webexEvent(id: string, type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    specversion: '1.0',
    type,
    source: '/com/cisco/wxcc/test',
    comciscoorgid: 'org-1',
    datacontenttype: 'application/json',
    ...extra,
    data,
  });
}

import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('keeps credentials in query parameters out of logs', () => {
    expect(redactUrl('/api/v1/notifications/stream?access_token=eyJ.abc.def')).toBe('/api/v1/notifications/stream?access_token=[redacted]');
    expect(redactUrl('/api/v1/notifications/stream?lastEventId=1&ticket=xyz&x=2')).toBe('/api/v1/notifications/stream?lastEventId=1&ticket=[redacted]&x=2');
    expect(redactUrl('/api/v1/briefs?q=token')).toBe('/api/v1/briefs?q=token');
  });
});

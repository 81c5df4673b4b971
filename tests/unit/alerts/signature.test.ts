import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecret, signPayload, verifySignature } from '../../../src/alerts/signature.ts';
import { redactWebhookUrl } from '../../../src/alerts/deliver/webhook.ts';

const secret = 'whsec_test';
const body = JSON.stringify({ title: 'Vente d’armes au Sahel : « accord » signé', price: '€' });

describe('webhook signatures', () => {
  it('signs t + "." + body with HMAC-SHA256 over UTF-8 bytes', () => {
    const expected = createHmac('sha256', secret).update(Buffer.from(`1767225600.${body}`, 'utf8')).digest('hex');
    expect(signPayload(secret, 1767225600, body)).toBe(`t=1767225600,v1=${expected}`);
  });

  it.each([
    ['a valid signature', signPayload(secret, 1000, body), body, 1000, true],
    ['within the tolerance', signPayload(secret, 1000, body), body, 1299, true],
    ['too old (replay)', signPayload(secret, 1000, body), body, 1301, false],
    ['a changed body', signPayload(secret, 1000, body), body.replace('Sahel', 'Sahara'), 1000, false],
    ['another secret', signPayload('whsec_other', 1000, body), body, 1000, false],
    ['a changed timestamp', signPayload(secret, 1000, body).replace('t=1000', 't=1001'), body, 1000, false],
    ['one of two v1 (key rotation)', `${signPayload(secret, 1000, body)},v1=00ff`, body, 1000, true],
    ['garbage', 'nonsense', body, 1000, false],
    ['a truncated mac', signPayload(secret, 1000, body).slice(0, -2), body, 1000, false],
  ])('%s', (_name, header, payload, now, ok) => {
    expect(verifySignature(secret, header, payload, now)).toBe(ok);
  });

  it('generates distinct secrets', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(generateSecret()).not.toBe(a);
  });
});

describe('redactWebhookUrl', () => {
  it.each([
    ['https://hooks.exemple.org/services/T0/B0?token=abc', 'https://hooks.exemple.org/services/T0/B0?…'],
    ['https://hooks.exemple.org/vigie', 'https://hooks.exemple.org/vigie'],
    ['https://hooks.exemple.org/vigie#k=1', 'https://hooks.exemple.org/vigie?…'],
    ['not a url', '(invalid URL)'],
  ])('%s → %s', (raw, out) => expect(redactWebhookUrl(raw)).toBe(out));
});

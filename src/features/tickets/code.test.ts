import { beforeAll, describe, expect, it } from 'vitest';
import { BASE32_ALPHABET } from '../../platform/base32';
import {
  exportTicketKeys,
  generateTicketKeys,
  type TicketKeys,
  ticketKeysFrom,
} from '../../platform/ticket-keys/ticket-keys';
import {
  normalizeTicketCode,
  signTicket,
  type TicketClaims,
  ticketWindow,
  ticketWindowStatus,
  verifyTicket,
} from './code';

const claims: TicketClaims = {
  bookingId: 'MM-7KQ2-X9RD-4PZT',
  showId: 'harbour-lights-colaba-1-20261124-1930',
  seats: ['C7', 'C8'],
  ...ticketWindow('2026-11-24T14:00:00.000Z'),
};

let keys: TicketKeys;
let code: string;

beforeAll(async () => {
  keys = await generateTicketKeys();
  code = await signTicket(keys, claims);
});

describe('ticket codes', () => {
  it('verifies what it signed and gives the claims back', async () => {
    expect(code).toMatch(/^MM1\.[0-9A-Z]{4}\.[0-9A-Z]+\.[0-9A-Z]{103}$/);
    const result = await verifyTicket(keys.verify, code);
    expect(result).toEqual({ ok: true, ticket: { ...claims, keyId: keys.signing.id } });
  });

  it('gives the same code for the same claims: Ed25519 signatures are deterministic', async () => {
    expect(await signTicket(keys, { ...claims, seats: [...claims.seats] })).toBe(code);
  });

  it('keeps the code short enough for a small QR symbol', () => {
    // 59 payload bytes for this booking: 208 characters, all in the QR alphanumeric set.
    expect(code.length).toBe(208);
  });

  it('widens a window that is not on minute boundaries to whole minutes', async () => {
    const odd = {
      ...claims,
      notBefore: new Date('2026-11-24T11:00:29.500Z'),
      notAfter: new Date('2026-11-24T15:00:00.001Z'),
    };
    const result = await verifyTicket(keys.verify, await signTicket(keys, odd));
    expect(result.ok && result.ticket.notBefore.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(result.ok && result.ticket.notAfter.toISOString()).toBe('2026-11-24T15:01:00.000Z');
  });

  it('carries any UTF-8 show and seat ids', async () => {
    const unusual = { ...claims, showId: 'écran-2 · 20261124', seats: ['Á1', 'B.2', 'C,3'] };
    const result = await verifyTicket(keys.verify, await signTicket(keys, unusual));
    expect(result.ok && result.ticket.showId).toBe(unusual.showId);
    expect(result.ok && result.ticket.seats).toEqual(unusual.seats);
  });

  it('refuses claims the format cannot carry', async () => {
    await expect(signTicket(keys, { ...claims, bookingId: 'booking-1' })).rejects.toThrow(/booking id/);
    await expect(signTicket(keys, { ...claims, seats: [] })).rejects.toThrow(/seats/);
    await expect(signTicket(keys, { ...claims, seats: [''] })).rejects.toThrow(/seat id/);
    await expect(signTicket(keys, { ...claims, showId: 'x'.repeat(256) })).rejects.toThrow(/show id/);
    await expect(signTicket(keys, { ...claims, notAfter: claims.notBefore })).rejects.toThrow(/window/);
    const tooLong = new Date(claims.notBefore.getTime() + 46 * 86_400_000);
    await expect(signTicket(keys, { ...claims, notAfter: tooLong })).rejects.toThrow(/window/);
  });

  it('rejects every single-character change, whatever the character becomes', async () => {
    const alphabet = `${BASE32_ALPHABET}.`;
    const accepted: string[] = [];
    const reasons = new Set<string>();
    for (let i = 0; i < code.length; i++) {
      for (const replacement of alphabet) {
        if (replacement === code[i]) continue;
        const changed = code.slice(0, i) + replacement + code.slice(i + 1);
        const result = await verifyTicket(keys.verify, changed);
        if (result.ok) accepted.push(changed);
        else reasons.add(result.reason);
      }
    }
    expect(accepted).toEqual([]);
    expect([...reasons].sort()).toEqual(['bad_signature', 'malformed', 'unknown_key']);
  });

  it('rejects every truncation and an extension as malformed', async () => {
    for (let length = 0; length < code.length; length++) {
      expect(await verifyTicket(keys.verify, code.slice(0, length))).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
    expect(await verifyTicket(keys.verify, `${code}0`)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyTicket(keys.verify, `${code}.`)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyTicket(keys.verify, ` ${code}`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a code whose payload and signature come from two different tickets', async () => {
    const other = await signTicket(keys, { ...claims, seats: ['C9'] });
    const spliced = `${code.slice(0, code.lastIndexOf('.'))}${other.slice(other.lastIndexOf('.'))}`;
    expect(await verifyTicket(keys.verify, spliced)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('answers unknown_key for a code signed by a key it does not hold', async () => {
    const stranger = await generateTicketKeys();
    const foreign = await signTicket(stranger, claims);
    expect(await verifyTicket(keys.verify, foreign)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('answers bad_signature for a forged code that names a trusted key', async () => {
    const stranger = await generateTicketKeys();
    const foreign = await signTicket(stranger, claims);
    const forged = foreign.replace(`.${stranger.signing.id}.`, `.${keys.signing.id}.`);
    expect(await verifyTicket(keys.verify, forged)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts codes from the old key and the new one after a rotation', async () => {
    const old = keys;
    const next = await generateTicketKeys();
    const oldStrings = await exportTicketKeys(old);
    const nextStrings = await exportTicketKeys(next);
    const rotated = await ticketKeysFrom({
      signingKey: nextStrings.signingKey,
      verifyKeys: `${nextStrings.verifyKeys},${oldStrings.verifyKeys}`,
    });
    expect(rotated.signing.id).toBe(next.signing.id);
    expect(rotated.verify.map((key) => key.id)).toEqual([next.signing.id, old.signing.id]);
    expect((await verifyTicket(rotated.verify, code)).ok).toBe(true);
    expect((await verifyTicket(rotated.verify, await signTicket(rotated, claims))).ok).toBe(true);
    // The old verifier does not know the new key until it is configured.
    expect(await verifyTicket(old.verify, await signTicket(rotated, claims))).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('makes a typed code canonical', async () => {
    const typed = `  ${code.slice(0, 70).toLowerCase()}\n${code.slice(70, 140)} ${code.slice(140).toLowerCase()} `;
    expect(normalizeTicketCode(typed)).toBe(code);
    expect(await verifyTicket(keys.verify, typed)).toEqual({ ok: false, reason: 'malformed' });
    expect(normalizeTicketCode('mm1.oIlL')).toBe('MM1.0111');
  });
});

describe('ticket keys', () => {
  it('round-trips through the configuration strings', async () => {
    const strings = await exportTicketKeys(keys);
    expect(strings.signingKey).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(strings.verifyKeys).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const loaded = await ticketKeysFrom(strings);
    expect(loaded.signing.id).toBe(keys.signing.id);
    expect(await exportTicketKeys(loaded)).toEqual(strings);
    expect((await verifyTicket(keys.verify, await signTicket(loaded, claims))).ok).toBe(true);
  });

  it("adds the signing key's own public key to the verify list", async () => {
    const { signingKey } = await exportTicketKeys(keys);
    const alone = await ticketKeysFrom({ signingKey });
    expect(alone.verify.map((key) => key.id)).toEqual([keys.signing.id]);
    const other = await exportTicketKeys(await generateTicketKeys());
    const listed = await ticketKeysFrom({ signingKey, verifyKeys: ` ${other.verifyKeys} , ` });
    expect(listed.verify.map((key) => key.id)).toEqual([keys.signing.id, expect.any(String)]);
    expect(listed.verify).toHaveLength(2);
  });

  it('names the setting when a key string is wrong', async () => {
    const strings = await exportTicketKeys(keys);
    await expect(ticketKeysFrom({ signingKey: '' })).rejects.toThrow(/^TICKET_SIGNING_KEY is empty/);
    await expect(ticketKeysFrom({ signingKey: 'not a key!' })).rejects.toThrow(
      /^TICKET_SIGNING_KEY .*base64url/,
    );
    await expect(ticketKeysFrom({ signingKey: strings.signingKey.slice(0, 40) })).rejects.toThrow(
      /^TICKET_SIGNING_KEY is not an Ed25519 private key/,
    );
    // A public key where the private one belongs.
    await expect(ticketKeysFrom({ signingKey: strings.verifyKeys })).rejects.toThrow(/^TICKET_SIGNING_KEY/);
    await expect(
      ticketKeysFrom({ signingKey: strings.signingKey, verifyKeys: `${strings.verifyKeys},abc` }),
    ).rejects.toThrow(/^TICKET_VERIFY_KEYS entry 2 of 2 is not an Ed25519 public key.*got 2 bytes/);
    await expect(ticketKeysFrom({ signingKey: strings.signingKey, verifyKeys: 'a+b/c' })).rejects.toThrow(
      /^TICKET_VERIFY_KEYS entry 1 of 1 .*not base64url/,
    );
  });
});

describe('ticket window', () => {
  it('opens 3 hours before the start and closes 1 hour after it', () => {
    const window = ticketWindow('2026-11-24T14:00:00.000Z');
    expect(window.notBefore.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(window.notAfter.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(ticketWindowStatus(window, new Date('2026-11-24T10:59:59.999Z'))).toBe('early');
    expect(ticketWindowStatus(window, new Date('2026-11-24T11:00:00.000Z'))).toBe('open');
    expect(ticketWindowStatus(window, new Date('2026-11-24T14:59:59.999Z'))).toBe('open');
    expect(ticketWindowStatus(window, new Date('2026-11-24T15:00:00.000Z'))).toBe('closed');
  });
});

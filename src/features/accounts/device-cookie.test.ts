import { describe, expect, it } from 'vitest';
import { deviceToken, trustedDevice } from './device-cookie';

const asha = { id: 'ashaaaaaaaaaaaaaaaaaaaaa', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' };
const ravi = { id: 'raviiiiiiiiiiiiiiiiiiiii', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdB$aGFzaB' };

describe('device tokens', () => {
  it("trusts the account's own token and answers its nonce, among other accounts' tokens", () => {
    const mine = deviceToken(asha);
    const nonce = mine.split('.')[1];
    expect(trustedDevice([deviceToken(ravi), mine], asha)).toBe(nonce);
    expect(deviceToken(asha, nonce)).toBe(mine);
  });

  it("does not trust another account's token, a forged one, or any after the password changed", () => {
    const mine = deviceToken(asha);
    const [id, nonce] = mine.split('.');
    expect(trustedDevice([deviceToken(ravi)], asha)).toBeUndefined();
    expect(trustedDevice([`${id}.${nonce}.${'A'.repeat(43)}`], asha)).toBeUndefined();
    expect(trustedDevice([deviceToken(ravi).replace(ravi.id, asha.id)], asha)).toBeUndefined();
    expect(trustedDevice([mine], { ...asha, passwordHash: `${asha.passwordHash}x` })).toBeUndefined();
  });

  it.each(['', '.', 'a.b', `${asha.id}.short.sig`, `${asha.id}.${'a'.repeat(24)}.***`, 'x.y.z.w'])(
    'ignores the malformed token %j',
    (token) => {
      expect(trustedDevice([token], asha)).toBeUndefined();
    },
  );
});

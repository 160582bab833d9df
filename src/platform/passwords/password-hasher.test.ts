import { hash as referenceHash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { portableArgon2id, portableHasher } from './argon2-portable';
import { nodeArgon2id, nodeHasher } from './node/argon2-native';
import { ARGON2_PARAMS, argon2idHasher, formatPhc, needsRehash, parsePhc } from './password-hasher';

const PASSWORD = 'correct horse battery staple';
const PHC_SHAPE = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

// The portable hasher takes a few hundred milliseconds a hash; these tests use it as little as they can.
const SLOW = 20_000;

describe('nodeHasher', () => {
  it('writes an OWASP-parameter PHC string with a fresh salt, and verifies it', async () => {
    const [a, b] = await Promise.all([nodeHasher.hash(PASSWORD), nodeHasher.hash(PASSWORD)]);
    expect(a).toMatch(PHC_SHAPE);
    expect(a).not.toBe(b);
    expect(await nodeHasher.verify(a, PASSWORD)).toBe(true);
    expect(await nodeHasher.verify(a, 'correct horse battery stapler')).toBe(false);
    expect(await nodeHasher.verify(a, '')).toBe(false);
  });

  it('treats passwords that differ only in Unicode composition as the same', async () => {
    const phc = await nodeHasher.hash('caf\u00e9 au lait');
    expect(await nodeHasher.verify(phc, 'cafe\u0301 au lait')).toBe(true);
  });

  it('verifies hashes made with other parameters, read from the string', async () => {
    const salt = new Uint8Array(16).fill(3);
    const old = await referenceHash(PASSWORD, { memoryCost: 4096, timeCost: 3, parallelism: 2, salt });
    expect(old).toMatch(/^\$argon2id\$v=19\$m=4096,t=3,p=2\$/);
    expect(await nodeHasher.verify(old, PASSWORD)).toBe(true);
    expect(await nodeHasher.verify(old, 'wrong password')).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await nodeHasher.hash(PASSWORD))).toBe(false);
  });

  it('hashes on the thread pool: a 5 ms timer keeps firing while hashes run', async () => {
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    let hashes = 0;
    try {
      // Keep the pool busy long enough that a blocked loop would show as a gap well over the bound.
      while (performance.now() - started < 150) {
        await Promise.all(Array.from({ length: 4 }, () => nodeHasher.hash(PASSWORD)));
        hashes += 4;
      }
    } finally {
      clearInterval(timer);
    }
    // A block at the very end would not show as a tick, so measure up to now as well.
    longestGap = Math.max(longestGap, performance.now() - last);
    expect(hashes).toBeGreaterThanOrEqual(4);
    expect(ticks).toBeGreaterThan(5);
    expect(longestGap).toBeLessThan(50);
  });
});

describe('portableHasher', () => {
  it(
    'verifies its own hashes and refuses a wrong password',
    async () => {
      const phc = await portableHasher.hash(PASSWORD);
      expect(phc).toMatch(PHC_SHAPE);
      expect(await portableHasher.verify(phc, PASSWORD)).toBe(true);
      expect(await portableHasher.verify(phc, 'Correct horse battery staple')).toBe(false);
    },
    SLOW,
  );
});

describe('the two implementations produce the same hashes', () => {
  it(
    'with a fixed salt, byte for byte, and as the argon2 reference encodes them',
    async () => {
      const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
      const fixed = () => salt;
      const password = 'p\u00e4ssw\u00f6rd \u{1F3AC} 42';
      const [fromNode, fromPortable, reference] = await Promise.all([
        argon2idHasher(nodeArgon2id, fixed).hash(password),
        argon2idHasher(portableArgon2id, fixed).hash(password),
        referenceHash(password.normalize('NFKC'), {
          memoryCost: ARGON2_PARAMS.m,
          timeCost: ARGON2_PARAMS.t,
          parallelism: ARGON2_PARAMS.p,
          salt,
        }),
      ]);
      expect(fromNode).toMatch(PHC_SHAPE);
      expect(fromPortable).toBe(fromNode);
      expect(fromNode).toBe(reference);
    },
    SLOW,
  );

  it(
    'Node hashes verify on the portable one and the other way round',
    async () => {
      const [fromNode, fromPortable] = await Promise.all([
        nodeHasher.hash(PASSWORD),
        portableHasher.hash(PASSWORD),
      ]);
      const [portableAccepts, nodeAccepts, nodeRefuses] = await Promise.all([
        portableHasher.verify(fromNode, PASSWORD),
        nodeHasher.verify(fromPortable, PASSWORD),
        nodeHasher.verify(fromPortable, `${PASSWORD}!`),
      ]);
      expect(portableAccepts).toBe(true);
      expect(nodeAccepts).toBe(true);
      expect(nodeRefuses).toBe(false);
    },
    SLOW,
  );
});

describe('malformed stored hashes', () => {
  const salt = new Uint8Array(16).fill(1);
  const hash = new Uint8Array(32).fill(2);
  const good = formatPhc(ARGON2_PARAMS, salt, hash);
  const malformed = [
    '',
    'not a hash',
    '$2b$12$abcdefghijklmnopqrstuuWDhM6xMZc3WQFgBNhLDhcc08ErADh/u',
    good.replace('argon2id', 'argon2i'),
    good.replace('v=19', 'v=16'),
    good.replace('m=19456', 'm=019456'),
    good.replace('m=19456', 'm=4'),
    good.replace('m=19456', 'm=99999999999'),
    good.replace('t=2', 't=0'),
    good.replace('t=2', 't=1000'),
    good.replace(',p=1', ''),
    good.replace('p=1', 'p=1,data=abc'),
    `${good}=`,
    `${good}$extra`,
    `${good.slice(0, -1)}*`,
    // 'J' differs from the canonical 'I' only in unused bits: the same bytes to a lenient decoder.
    `${good.slice(0, -1)}J`,
    formatPhc(ARGON2_PARAMS, salt.slice(0, 4), hash),
    formatPhc(ARGON2_PARAMS, salt, hash.slice(0, 8)),
    good.replace(/\$[^$]+$/, '$'),
  ];

  it('the well-formed control parses', () => {
    expect(good.endsWith('I')).toBe(true);
    expect(parsePhc(good)).toEqual({ params: ARGON2_PARAMS, salt, hash });
  });

  it.each(malformed)('refuses %j without throwing', async (phc) => {
    expect(parsePhc(phc)).toBeUndefined();
    await expect(nodeHasher.verify(phc, PASSWORD)).resolves.toBe(false);
    await expect(portableHasher.verify(phc, PASSWORD)).resolves.toBe(false);
  });
});

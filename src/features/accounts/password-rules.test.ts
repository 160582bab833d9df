import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../../generated/common-passwords';
import { checkPasswordRules } from './password-rules';

describe('checkPasswordRules', () => {
  it('wants 8 to 128 characters', () => {
    expect(checkPasswordRules('k7#qPz2')).toBe('Use at least 8 characters.');
    expect(checkPasswordRules('k7#qPz2v')).toBeUndefined();
    expect(checkPasswordRules('k7#qPz2v'.repeat(16))).toBeUndefined();
    expect(checkPasswordRules(`${'k7#qPz2v'.repeat(16)}x`)).toBe('Use at most 128 characters.');
  });

  it('counts code points, so an emoji is one character', () => {
    expect('k7#qPz2\u{1F37F}'.length).toBe(9);
    expect(checkPasswordRules('k7#qPz\u{1F37F}')).toBe('Use at least 8 characters.');
    expect(checkPasswordRules('k7#qPz2\u{1F37F}')).toBeUndefined();
    expect(checkPasswordRules('\u{1F37F}'.repeat(128))).toBeUndefined();
    expect(checkPasswordRules('\u{1F37F}'.repeat(129))).toBe('Use at most 128 characters.');
  });

  it('accepts any characters, with no composition rules', () => {
    expect(checkPasswordRules('quiet lantern moss')).toBeUndefined();
    expect(
      checkPasswordRules('\u043f\u0430\u0440\u043e\u043b\u044c \u0441\u043b\u043e\u043d'),
    ).toBeUndefined();
  });

  it('refuses common passwords whatever their case', () => {
    const message = 'This password is too common. Choose one that would be harder to guess.';
    expect(checkPasswordRules('password')).toBe(message);
    expect(checkPasswordRules('PassWord')).toBe(message);
    expect(checkPasswordRules('QWERTYUIOP')).toBe(message);
    expect(checkPasswordRules('TrustNo1')).toBe(message);
  });

  it('refuses the email, its local part and the name', () => {
    const context = { email: 'Film.Lover@Example.com', name: 'Josephine Baker' };
    expect(checkPasswordRules('film.lover@example.com', context)).toBe(
      'Do not use your email address as your password.',
    );
    expect(checkPasswordRules('FILM.LOVER', context)).toBe('Do not use your email address as your password.');
    expect(checkPasswordRules('josephine baker', context)).toBe('Do not use your name as your password.');
    expect(checkPasswordRules('film.lover.2025', context)).toBeUndefined();
  });
});

describe('the shipped common-password list', () => {
  const lines = COMMON_PASSWORDS.split('\n');

  it('holds thousands of lowercase, unique entries of 8 or more characters', () => {
    expect(lines.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((line) => [...line].length < 8 || line !== line.toLowerCase())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './security-headers';

describe('contentSecurityPolicy', () => {
  it('lets forms post to this origin only, unless an online provider page is named', () => {
    expect(contentSecurityPolicy()).toContain("form-action 'self';");
    const withStripe = contentSecurityPolicy(['https://checkout.stripe.com']);
    expect(withStripe).toContain("form-action 'self' https://checkout.stripe.com;");
    // Nothing else opens up with it.
    expect(withStripe.replace(' https://checkout.stripe.com', '')).toBe(contentSecurityPolicy());
  });
});

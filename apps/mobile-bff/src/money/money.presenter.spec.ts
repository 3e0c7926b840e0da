import { moneySchema, toMoney } from './money.presenter';

describe('toMoney', () => {
  it('turns a decimal amount into integer minor units without binary-fraction drift', () => {
    // 1146.84 * 100 is 114683.99999999999 and 538.93 * 100 is 53892.99999999999 in floating point.
    expect(toMoney(591.64, 'USD')).toEqual({ amountMinor: 59164, currency: 'USD' });
    expect(toMoney(1146.84, 'USD')).toEqual({ amountMinor: 114684, currency: 'USD' });
    expect(toMoney(538.93, 'USD')).toEqual({ amountMinor: 53893, currency: 'USD' });
    expect(toMoney(0.1 + 0.2, 'EUR')).toEqual({ amountMinor: 30, currency: 'EUR' });
    expect(toMoney(0, 'USD')).toEqual({ amountMinor: 0, currency: 'USD' });
  });

  it('follows the currency’s ISO 4217 exponent: none for yen, three decimals for dinars', () => {
    expect(toMoney(1200, 'JPY')).toEqual({ amountMinor: 1200, currency: 'JPY' });
    expect(toMoney(12.345, 'KWD')).toEqual({ amountMinor: 12345, currency: 'KWD' });
  });

  it('produces what its schema describes', () => {
    expect(moneySchema.parse(toMoney(59.81, 'USD'))).toEqual({ amountMinor: 5981, currency: 'USD' });
  });
});

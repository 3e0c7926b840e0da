import { z } from 'zod';

/**
 * ISO 4217 minor-unit exponents that are not 2: how many decimal places the currency's
 * smallest unit is. Every other currency has 2 (cents, pence...).
 */
const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  // No minor unit.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Thousandths.
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** The number of decimal places of a currency's minor unit (ISO 4217): 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnitExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/**
 * An amount of money as mobile API v2 sends it: an integer count of the currency's minor unit
 * (cents for USD, yen for JPY, fils for KWD) with its ISO 4217 code, so that no client adds
 * binary fractions. `{ amountMinor: 59164, currency: 'USD' }` is $591.64.
 */
export const moneySchema = z
  .strictObject({
    amountMinor: z.number().int().describe("The amount in the currency's minor unit (ISO 4217 exponent): 59164 is 591.64 USD, 1200 is 1200 JPY."),
    currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 currency code.'),
  })
  .describe('An amount of money in integer minor units.');

export type Money = z.infer<typeof moneySchema>;

/**
 * `amount` (a decimal in major units, as the services send it) in minor units. The services' amounts
 * carry at most the currency's decimals, so the product is within a rounding error of an integer
 * (1146.84 * 100 is 114683.99999999999): rounding gives it back exactly.
 */
export function toMoney(amount: number, currency: string): Money {
  return { amountMinor: Math.round(amount * 10 ** minorUnitExponent(currency)), currency };
}

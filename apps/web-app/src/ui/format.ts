/** `591.64 USD` as the reader's locale writes money. */
export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown currency code: better the bare amount than no page.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** An ISO-8601 timestamp as a date in the reader's locale. */
export function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

const STATUS_LABELS: Record<string, string> = {
  processing: 'Processing',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;

/** `gold` as `Gold`. */
export const tierLabel = (tier: string): string => tier.charAt(0).toUpperCase() + tier.slice(1);

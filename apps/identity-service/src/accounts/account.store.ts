import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { seedUsers } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';
import { secretsMatch } from '../secrets/secret.compare';

/** Who a token is for, once their password has been checked. */
export interface Account {
  /** The seed user's id (`u42`), the token's `sub`. */
  id: string;
  email: string;
  name: string;
  roles: string[];
}

/** The one seed user who administers the sample shop. */
const ADMIN_USER_IDS: ReadonlySet<string> = new Set(['u1']);

/**
 * How an email is compared and counted everywhere (sign-in, failure limits): surrounding spaces
 * dropped, lower case. Emails of the seed users are lower case already.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The seed users u1..u1000 as accounts that can sign in. Every one has the
 * public development password: this stands in for a real identity provider's
 * user directory, and holds nothing worth protecting.
 */
@Injectable()
export class AccountStore {
  private readonly byEmail = new Map<string, Account>();
  private readonly byIdMap = new Map<string, Account>();

  constructor() {
    for (const user of seedUsers()) {
      const account = { id: user.id, email: user.email, name: user.name, roles: ADMIN_USER_IDS.has(user.id) ? ['customer', 'admin'] : ['customer'] };
      this.byEmail.set(normaliseEmail(user.email), account);
      this.byIdMap.set(user.id, account);
    }
  }

  /** The account whose email (normalised) and password match; undefined when either does not. */
  authenticate(email: string, password: string): Account | undefined {
    const account = this.byEmail.get(normaliseEmail(email));
    // Checked for an unknown email too, so that the time taken does not tell which emails exist.
    const passwordMatches = secretsMatch(password, DEVELOPMENT_USER_PASSWORD);
    return account && passwordMatches ? account : undefined;
  }

  /** The account a token's `sub` names, if it (still) exists. */
  byId(id: string): Account | undefined {
    return this.byIdMap.get(id);
  }
}

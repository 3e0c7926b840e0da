import type { User, UserUpdate } from '@bff/contracts';
import { seedUsers } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';

/** The seed users u1..u1000, in memory; changes last until the service stops. */
@Injectable()
export class UsersStore {
  private readonly users = new Map(seedUsers().map((user) => [user.id, user]));

  find(id: string): User | undefined {
    return this.users.get(id);
  }

  /** @returns the updated user, or undefined for an unknown id */
  update(id: string, update: UserUpdate): User | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    const updated = { ...user, ...update };
    this.users.set(id, updated);
    return updated;
  }
}

import type { User } from '@bff/contracts';
import { seedUsers } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';

/** The seed users u1..u1000, in memory. */
@Injectable()
export class UsersStore {
  private readonly users = new Map(seedUsers().map((user) => [user.id, user]));

  find(id: string): User | undefined {
    return this.users.get(id);
  }
}

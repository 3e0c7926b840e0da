import type { User } from '@bff/contracts';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { UsersStore } from './users.store';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersStore) {}

  @Get(':id')
  getUser(@Param('id') id: string): User {
    const user = this.users.find(id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }
}

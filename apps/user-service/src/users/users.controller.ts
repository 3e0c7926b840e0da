import { type User, type UserUpdate, userUpdateSchema } from '@bff/contracts';
import { ZodValidationPipe } from '@bff/request-validation';
import { Body, Controller, Get, NotFoundException, Param, Patch } from '@nestjs/common';
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

  /** `{ name?, avatarUrl? }`: the user as it is now. */
  @Patch(':id')
  updateUser(@Param('id') id: string, @Body(new ZodValidationPipe(userUpdateSchema)) update: UserUpdate): User {
    const user = this.users.update(id, update);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }
}

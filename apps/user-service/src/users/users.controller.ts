import { type User, type UserUpdate, userUpdateSchema } from '@bff/contracts';
import { ZodValidationPipe } from '@bff/request-validation';
import { AssetUrls } from '@bff/service-runtime';
import { Body, Controller, Get, NotFoundException, Param, Patch, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UsersStore } from './users.store';

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersStore,
    private readonly assets: AssetUrls,
  ) {}

  @Get(':id')
  getUser(@Param('id') id: string, @Req() request: FastifyRequest): User {
    const user = this.users.find(id);
    if (!user) throw new NotFoundException('User not found');
    return this.present(user, request);
  }

  /** `{ name?, avatarUrl? }`: the user as it is now. */
  @Patch(':id')
  updateUser(@Param('id') id: string, @Body(new ZodValidationPipe(userUpdateSchema)) update: UserUpdate, @Req() request: FastifyRequest): User {
    const user = this.users.update(id, update);
    if (!user) throw new NotFoundException('User not found');
    return this.present(user, request);
  }

  /** A seed avatar as a URL the caller's browser can load. */
  private present(user: User, request: FastifyRequest): User {
    return { ...user, avatarUrl: this.assets.resolve(user.avatarUrl, request) };
  }
}

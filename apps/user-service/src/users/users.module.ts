import { Module } from '@nestjs/common';
import { AvatarsController } from './avatars.controller';
import { UsersController } from './users.controller';
import { UsersStore } from './users.store';

@Module({ controllers: [UsersController, AvatarsController], providers: [UsersStore] })
export class UsersModule {}

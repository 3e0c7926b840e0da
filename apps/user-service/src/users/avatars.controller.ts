import { avatarSvg } from '@bff/seed-data';
import { SvgPicture } from '@bff/service-runtime';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { UsersStore } from './users.store';

/** `GET /images/avatars/u42.svg`: the seed users' avatars, the initials of their name as it is now. */
@Controller('images/avatars')
export class AvatarsController {
  constructor(private readonly users: UsersStore) {}

  @Get(':id.svg')
  @SvgPicture()
  avatar(@Param('id') id: string): string {
    const user = this.users.find(id);
    if (!user) throw new NotFoundException('User not found');
    return avatarSvg(user.id, user.name);
  }
}

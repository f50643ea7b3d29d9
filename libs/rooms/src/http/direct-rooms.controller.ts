import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Room } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { OpenDirectDto } from '../dto/open-direct.dto';
import { DirectRoomsService } from '../services/direct-rooms.service';

@Controller('dm')
export class DirectRoomsController {
  constructor(
    private readonly direct: DirectRoomsService,
    private readonly limits: UserRateLimits,
  ) {}

  @Post()
  @HttpCode(200)
  async open(@CurrentUser() me: AuthUser, @Body() dto: OpenDirectDto): Promise<Room> {
    await this.limits.spend('create', me.userId);
    return this.direct.open(me, dto.userId);
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Room } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { OpenDirectDto } from '../dto/open-direct.dto';
import { DirectRoomsService } from '../services/direct-rooms.service';

@Controller('dm')
export class DirectRoomsController {
  constructor(private readonly direct: DirectRoomsService) {}

  @Post()
  @HttpCode(200)
  open(@CurrentUser() me: AuthUser, @Body() dto: OpenDirectDto): Promise<Room> {
    return this.direct.open(me, dto.userId);
  }
}

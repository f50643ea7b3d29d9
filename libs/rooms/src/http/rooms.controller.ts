import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Page, Room } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { CreateRoomDto } from '../dto/create-room.dto';
import { ListRoomsQuery } from '../dto/list-rooms.query';
import { ReadMarkerDto } from '../dto/read-marker.dto';
import { RoomIdParams } from '../dto/room-id.params';
import { UpdateRoomDto } from '../dto/update-room.dto';
import { MembershipsService } from '../services/memberships.service';
import { ReadMarkersService } from '../services/read-markers.service';
import { RoomDirectory } from '../services/room-directory.service';
import { RoomsService } from '../services/rooms.service';

@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly directory: RoomDirectory,
    private readonly memberships: MembershipsService,
    private readonly readMarkers: ReadMarkersService,
    private readonly limits: UserRateLimits,
  ) {}

  @Post()
  async create(@CurrentUser() me: AuthUser, @Body() dto: CreateRoomDto): Promise<Room> {
    await this.limits.spend('create', me.userId);
    return this.rooms.create(me, dto);
  }

  @Get()
  async list(@CurrentUser() me: AuthUser, @Query() query: ListRoomsQuery): Promise<Page<Room>> {
    if (query.q !== undefined) await this.limits.spend('search', me.userId);
    return this.directory.list(me, query);
  }

  @Get(':id')
  get(@CurrentUser() me: AuthUser, @Param() { id }: RoomIdParams): Promise<Room> {
    return this.rooms.get(me, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Body() dto: UpdateRoomDto,
  ): Promise<Room> {
    return this.rooms.update(me, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() me: AuthUser, @Param() { id }: RoomIdParams): Promise<void> {
    return this.rooms.remove(me, id);
  }

  @Post(':id/join')
  @HttpCode(200)
  join(@CurrentUser() me: AuthUser, @Param() { id }: RoomIdParams): Promise<Room> {
    return this.memberships.join(me, id);
  }

  @Post(':id/leave')
  @HttpCode(204)
  leave(@CurrentUser() me: AuthUser, @Param() { id }: RoomIdParams): Promise<void> {
    return this.memberships.leave(me, id);
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Body() dto: ReadMarkerDto,
  ): Promise<void> {
    await this.readMarkers.mark(me, id, dto.seq);
  }
}

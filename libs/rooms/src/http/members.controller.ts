import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { Member, Page } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { AddMemberDto } from '../dto/add-member.dto';
import { ListMembersQuery } from '../dto/list-members.query';
import { MemberParams } from '../dto/member.params';
import { RoomIdParams } from '../dto/room-id.params';
import { MembershipsService } from '../services/memberships.service';

@Controller('rooms/:id/members')
export class MembersController {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly limits: UserRateLimits,
  ) {}

  @Get()
  list(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Query() query: ListMembersQuery,
  ): Promise<Page<Member>> {
    return this.memberships.list(me, id, query);
  }

  /** Each addition notifies the added user (`room:invited`), so it spends from the creation budget. */
  @Post()
  async add(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Body() dto: AddMemberDto,
  ): Promise<Member> {
    await this.limits.spend('create', me.userId);
    return this.memberships.add(me, id, dto);
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(@CurrentUser() me: AuthUser, @Param() { id, userId }: MemberParams): Promise<void> {
    return this.memberships.remove(me, id, userId);
  }
}

import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Announcement } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { AnnouncementsService } from './announcements.service';
import { CreateAnnouncementDto } from './create-announcement.dto';

@Controller('announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  publish(@CurrentUser() me: AuthUser, @Body() dto: CreateAnnouncementDto): Promise<Announcement> {
    return this.announcements.publish(me, dto);
  }

  /** 200 with the announcement, or 204 when none is current. */
  @Get('current')
  async current(@Res({ passthrough: true }) response: Response): Promise<Announcement | undefined> {
    const announcement = await this.announcements.current();
    if (!announcement) response.status(204);
    return announcement ?? undefined;
  }
}

import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Attachment, AttachmentUrl } from '@chat/contracts';
import { CurrentUser, Public, type AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { RoomAccess } from '@chat/rooms';
import { AttachmentDownloads, type DownloadAnswer } from '../download/attachment-downloads';
import { AttachmentLinks, type Variant } from '../download/attachment-links';
import { SAFE_HEADERS } from '../download/served-as';
import { AttachmentUploads } from '../upload/attachment-uploads';
import { UploadRateLimit } from '../upload/upload-rate-limit';
import { AttachmentIdParams, LinkQuery, SignedLinkQuery } from './attachment.params';

/**
 * Uploads into a room, and downloads by members of the attachment's room: with the Bearer token, or
 * through a short-lived signed link (for `<img src>`, which cannot send the token).
 */
@Controller()
export class AttachmentsController {
  constructor(
    private readonly uploads: AttachmentUploads,
    private readonly downloads: AttachmentDownloads,
    private readonly links: AttachmentLinks,
    private readonly access: RoomAccess,
    private readonly uploadLimit: UploadRateLimit,
  ) {}

  @Post('rooms/:id/attachments')
  @HttpCode(201)
  async upload(
    @CurrentUser() me: AuthUser,
    @Param() { id }: AttachmentIdParams,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Attachment> {
    try {
      // A declared size over the limit is refused before anything else reads the body.
      this.uploads.assertDeclaredSize(request);
      const room = await this.access.member(me, id);
      await this.uploadLimit.spend(me.userId);
      return await this.uploads.upload(me.userId, room.id, request);
    } catch (error) {
      // The unread rest of a refused body is not worth receiving: the connection closes after the answer.
      if (!request.complete) response.setHeader('Connection', 'close');
      throw error;
    }
  }

  @Get('attachments/:id')
  original(@CurrentUser() me: AuthUser, @Param() { id }: AttachmentIdParams, @Res() response: Response) {
    return this.serveToMember(me, id, 'original', response);
  }

  @Get('attachments/:id/thumbnail')
  thumbnail(@CurrentUser() me: AuthUser, @Param() { id }: AttachmentIdParams, @Res() response: Response) {
    return this.serveToMember(me, id, 'thumbnail', response);
  }

  /** A URL that fetches the file without the access token, for a few minutes. */
  @Get('attachments/:id/link')
  async link(
    @CurrentUser() me: AuthUser,
    @Param() { id }: AttachmentIdParams,
    @Query() { variant }: LinkQuery,
  ): Promise<AttachmentUrl> {
    const record = await this.downloads.servable(id, variant);
    await this.access.member(me, record.roomId);
    return this.downloads.link(record, variant);
  }

  /** The app's own signed link: the signature is the authorization, checked before anything is looked up. */
  @Public()
  @Get('attachments/:id/content')
  async content(
    @Param() { id }: AttachmentIdParams,
    @Query() { variant, expires, signature }: SignedLinkQuery,
    @Res() response: Response,
  ): Promise<void> {
    const refused = this.links.check(id, variant, expires, signature);
    if (refused === 'expired') throw AppError.forbidden('This link has expired; ask for a new one');
    if (refused) throw AppError.forbidden('This link is not valid');
    const record = await this.downloads.servable(id, variant);
    send(response, await this.downloads.bytes(record, variant));
  }

  private async serveToMember(me: AuthUser, id: string, variant: Variant, response: Response): Promise<void> {
    const record = await this.downloads.servable(id, variant);
    await this.access.member(me, record.roomId);
    send(response, await this.downloads.answer(record, variant));
  }
}

function send(response: Response, answer: DownloadAnswer): void {
  response.set(SAFE_HEADERS);
  response.set('Cache-Control', 'private, max-age=60');
  if ('redirect' in answer) {
    response.redirect(302, answer.redirect);
    return;
  }
  response.set({
    'Content-Type': answer.servedAs.contentType,
    'Content-Disposition': answer.servedAs.contentDisposition,
    'Content-Length': String(answer.size),
  });
  answer.body.on('error', () => response.destroy());
  answer.body.pipe(response);
}

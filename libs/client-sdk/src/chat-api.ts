import type {
  NotificationLevel,
  PushConfig,
  PushSubscriptionInput,
  PushSubscriptionView,
  RoomNotifications,
  Announcement,
  Attachment,
  AttachmentUrl,
  Member,
  Message,
  MessagePage,
  Page,
  Room,
  RoomRole,
  RoomVisibility,
  Session,
  User,
  UserList,
} from '@chat/contracts';
import { ChatApiError } from './errors';
import type { DownloadedFile, HttpClient, HttpRequest, Query } from './http-client';
import { uploadForm, uploadSize, type UploadFile, type UploadOptions } from './upload-form';

/** Which bytes of an attachment: the file as uploaded, or the preview of an image. */
export type AttachmentVariant = 'original' | 'thumbnail';

export interface RoomListQuery {
  scope?: 'joined' | 'public';
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface HistoryQuery {
  beforeSeq?: number;
  afterSeq?: number;
  /** Changes after this rev, by rev (the page then carries `revThrough`). */
  afterRev?: number;
  limit?: number;
}

export interface CreateRoomInput {
  name: string;
  visibility: RoomVisibility;
  topic?: string;
}

export type UpdateRoomInput = Partial<Pick<Room, 'name' | 'topic' | 'visibility' | 'ownerId'>>;

const room = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;
const attachment = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/**
 * The HTTP API of PROTOCOL.md, typed. Authenticated calls take their token from `token()`; a 401
 * renews the session once through `renew()` and retries, since the token may have just expired.
 */
export class ChatApi {
  constructor(
    private readonly http: HttpClient,
    private readonly token: () => Promise<string>,
    private readonly renew: () => Promise<unknown>,
  ) {}

  // Auth: the public endpoints carry no bearer.
  register(username: string, password: string, displayName?: string): Promise<Session> {
    const body = displayName ? { username, password, displayName } : { username, password };
    return this.http.request({ method: 'POST', path: '/api/auth/register', body });
  }
  login(username: string, password: string): Promise<Session> {
    return this.http.request({ method: 'POST', path: '/api/auth/login', body: { username, password } });
  }
  refresh(refreshToken: string): Promise<Session> {
    return this.http.request({ method: 'POST', path: '/api/auth/refresh', body: { refreshToken } });
  }
  logout(refreshToken: string): Promise<void> {
    return this.call({ method: 'POST', path: '/api/auth/logout', body: { refreshToken } });
  }
  me(): Promise<User> {
    return this.call({ method: 'GET', path: '/api/auth/me' });
  }

  // Users.
  user(id: string): Promise<User> {
    return this.call({ method: 'GET', path: `/api/users/${encodeURIComponent(id)}` });
  }
  searchUsers(q: string, limit?: number): Promise<UserList> {
    return this.call({ method: 'GET', path: '/api/users', query: { q, limit } });
  }
  /** Global admins only. */
  grantAdmin(userId: string): Promise<void> {
    return this.call({ method: 'POST', path: `/api/users/${encodeURIComponent(userId)}/roles/admin` });
  }

  // Rooms and members.
  rooms(query: RoomListQuery = {}): Promise<Page<Room>> {
    return this.call({ method: 'GET', path: '/api/rooms', query: query as Query });
  }
  createRoom(input: CreateRoomInput): Promise<Room> {
    return this.call({ method: 'POST', path: '/api/rooms', body: input });
  }
  room(id: string): Promise<Room> {
    return this.call({ method: 'GET', path: room(id) });
  }
  updateRoom(id: string, input: UpdateRoomInput): Promise<Room> {
    return this.call({ method: 'PATCH', path: room(id), body: input });
  }
  deleteRoom(id: string): Promise<void> {
    return this.call({ method: 'DELETE', path: room(id) });
  }
  joinRoom(id: string): Promise<Room> {
    return this.call({ method: 'POST', path: `${room(id)}/join` });
  }
  leaveRoom(id: string): Promise<void> {
    return this.call({ method: 'POST', path: `${room(id)}/leave` });
  }
  members(id: string, cursor?: string, limit?: number): Promise<Page<Member>> {
    return this.call({ method: 'GET', path: `${room(id)}/members`, query: { cursor, limit } });
  }
  addMember(id: string, userId: string, role?: Exclude<RoomRole, 'owner'>): Promise<Member> {
    const body = role ? { userId, role } : { userId };
    return this.call({ method: 'POST', path: `${room(id)}/members`, body });
  }
  removeMember(id: string, userId: string): Promise<void> {
    return this.call({ method: 'DELETE', path: `${room(id)}/members/${encodeURIComponent(userId)}` });
  }
  directRoom(userId: string): Promise<Room> {
    return this.call({ method: 'POST', path: '/api/dm', body: { userId } });
  }

  // History and read markers.
  messages(id: string, query: HistoryQuery = {}): Promise<MessagePage> {
    return this.call({ method: 'GET', path: `${room(id)}/messages`, query: query as Query });
  }
  searchMessages(id: string, q: string, limit?: number): Promise<{ items: Message[] }> {
    return this.call({ method: 'GET', path: `${room(id)}/messages/search`, query: { q, limit } });
  }
  markRead(id: string, seq: number): Promise<void> {
    return this.call({ method: 'POST', path: `${room(id)}/read`, body: { seq } });
  }

  // Notification levels (PROTOCOL.md 1.1): the caller's own, per room.
  notificationLevel(id: string): Promise<RoomNotifications> {
    return this.call({ method: 'GET', path: `${room(id)}/notifications` });
  }
  setNotificationLevel(id: string, level: NotificationLevel): Promise<RoomNotifications> {
    return this.call({ method: 'PUT', path: `${room(id)}/notifications`, body: { level } });
  }

  // Push (PROTOCOL.md 1.1): this device's subscriptions, for notifications while it is not connected.
  /** The VAPID public key to pass to `pushManager.subscribe`, and whether a push gateway is configured. */
  pushConfig(): Promise<PushConfig> {
    return this.call({ method: 'GET', path: '/api/push/config' });
  }
  /** Registers this device; the same endpoint (or app id and pushkey) again returns the same subscription. */
  addPushSubscription(input: PushSubscriptionInput): Promise<PushSubscriptionView> {
    return this.call({ method: 'POST', path: '/api/push/subscriptions', body: input });
  }
  async listPushSubscriptions(): Promise<PushSubscriptionView[]> {
    return (
      await this.call<{ items: PushSubscriptionView[] }>({ method: 'GET', path: '/api/push/subscriptions' })
    ).items;
  }
  async removePushSubscription(id: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/api/push/subscriptions/${encodeURIComponent(id)}` });
  }

  // Attachments (PROTOCOL.md 1.1): upload, then pass the ids to `ChatClient.send`.
  /** Uploads one file to a room; errors as `ChatApiError` (PAYLOAD_TOO_LARGE, RATE_LIMITED, …). */
  uploadAttachment(roomId: string, file: UploadFile, options: UploadOptions = {}): Promise<Attachment> {
    const path = `${room(roomId)}/attachments`;
    const size = uploadSize(file);
    return this.withToken((token) =>
      // A fresh form per attempt: a retried upload after a 401 sends the same bytes again.
      this.http.upload<Attachment>({ path, form: uploadForm(file), size, token }, options.onProgress),
    );
  }
  /**
   * A short-lived URL that fetches the bytes without the access token, absolute (resolved against the
   * base URL when the server answers a path): for `<img src>` and download links.
   */
  async attachmentLink(id: string, variant: AttachmentVariant = 'original'): Promise<AttachmentUrl> {
    const link = await this.call<AttachmentUrl>({
      method: 'GET',
      path: `${attachment(id)}/link`,
      query: { variant },
    });
    return { ...link, url: this.http.resolve(link.url) };
  }
  /** The bytes, with their content type and disposition; a redirect to object storage is followed. */
  downloadAttachment(id: string, variant: AttachmentVariant = 'original'): Promise<DownloadedFile> {
    const path = variant === 'thumbnail' ? `${attachment(id)}/thumbnail` : attachment(id);
    return this.withToken((token) => this.http.download({ path, token }));
  }

  // Announcements.
  announce(text: string, expiresAt?: string): Promise<Announcement> {
    const body = expiresAt ? { text, expiresAt } : { text };
    return this.call({ method: 'POST', path: '/api/announcements', body });
  }
  /** `null` when no announcement is current (204). */
  async currentAnnouncement(): Promise<Announcement | null> {
    return (
      (await this.call<Announcement | undefined>({ method: 'GET', path: '/api/announcements/current' })) ??
      null
    );
  }

  private call<T>(request: Omit<HttpRequest, 'token'>): Promise<T> {
    return this.withToken((token) => this.http.request<T>({ ...request, token }));
  }

  private async withToken<T>(attempt: (token: string) => Promise<T>): Promise<T> {
    try {
      return await attempt(await this.token());
    } catch (error) {
      if (!(error instanceof ChatApiError) || error.status !== 401) throw error;
      await this.renew();
      return attempt(await this.token());
    }
  }
}

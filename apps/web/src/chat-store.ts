import { ChatClient, type ConnectionState, type UploadProgress } from '@chat/client-sdk';
import type {
  Announcement,
  Attachment,
  Member,
  Message,
  NotificationLevel,
  PresenceEntry,
  Room,
  User,
} from '@chat/contracts';
import { AttachmentLinks } from './attachment-links';
import { LocalSessionStore } from './local-session.store';
import { mergeMessages } from './messages';
import { subscribeDevice, unsubscribeDevice, type PushState } from './push/subscribe-device';

const TYPING_EXPIRY_MS = 6000;
const PAGE = 50;

export interface RoomView {
  messages: Message[];
  /** Older messages exist before the first one loaded. */
  hasOlder: boolean;
  members: Member[];
}

export interface ChatState {
  user: User | null;
  connection: ConnectionState;
  rooms: Room[];
  currentRoomId: string | null;
  views: Record<string, RoomView>;
  typing: Record<string, string[]>;
  presence: Record<string, PresenceEntry['status']>;
  users: Record<string, User>;
  announcement: Announcement | null;
  error: string | null;
}

const initial: ChatState = {
  user: null,
  connection: 'offline',
  rooms: [],
  currentRoomId: null,
  views: {},
  typing: {},
  presence: {},
  users: {},
  announcement: null,
  error: null,
};

/** The web client's state, fed by the SDK's events; components subscribe and call its actions. */
export class ChatStore {
  readonly client = new ChatClient({ baseUrl: location.origin, store: new LocalSessionStore() });
  readonly links = new AttachmentLinks(this.client.api);
  private current: ChatState = initial;
  private readonly listeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    this.wire();
    if (this.client.restore()) void this.start();
  }

  get state(): ChatState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Session.
  async login(username: string, password: string): Promise<void> {
    await this.guard(this.client.login(username, password));
    await this.start();
  }
  async register(username: string, password: string, displayName?: string): Promise<void> {
    await this.guard(this.client.register(username, password, displayName));
    await this.start();
  }
  async logout(): Promise<void> {
    await unsubscribeDevice().catch(() => undefined);
    await this.client.logout().catch(() => undefined);
    this.current = { ...initial };
    this.roomsListed = false;
    this.notify();
  }

  // Rooms.
  /** Shows a room: joins it live if needed, loads its latest page, members and presence. */
  openRoom(roomId: string | null): Promise<void> {
    this.set({ currentRoomId: roomId });
    if (!roomId) return Promise.resolve();
    let opening = this.opening.get(roomId);
    if (!opening) {
      opening = this.load(roomId).finally(() => this.opening.delete(roomId));
      this.opening.set(roomId, opening);
    }
    return opening;
  }
  private readonly opening = new Map<string, Promise<void>>();

  /**
   * A room a link names (a notification's click). It waits for the session's room list: before it, the
   * room would show as unavailable, and a room the user is not in is ignored.
   */
  openLinked(roomId: string): void {
    this.linkedRoomId = roomId;
    if (this.roomsListed) this.followLink();
  }
  private linkedRoomId: string | null = null;
  private roomsListed = false;

  private followLink(): void {
    const roomId = this.linkedRoomId;
    this.linkedRoomId = null;
    if (roomId && this.current.rooms.some((room) => room.id === roomId))
      void this.openRoom(roomId).catch(() => undefined);
  }

  private async load(roomId: string): Promise<void> {
    if (!this.client.joinedRooms.includes(roomId)) await this.guard(this.client.join(roomId));
    if (!this.current.views[roomId]) await this.loadLatest(roomId);
    void this.loadMembers(roomId);
    this.markRead(roomId);
  }
  async loadOlder(roomId: string): Promise<void> {
    const view = this.current.views[roomId];
    const oldest = view?.messages[0];
    if (!view || !oldest || !view.hasOlder) return;
    const page = await this.guard(this.client.history(roomId, { beforeSeq: oldest.seq, limit: PAGE }));
    this.setView(roomId, { messages: mergeMessages(view.messages, page.items), hasOlder: page.hasMore });
    this.learnUsers(page.items.map((m) => m.senderId));
  }
  async createRoom(name: string, isPrivate: boolean): Promise<void> {
    const room = await this.guard(
      this.client.api.createRoom({ name, visibility: isPrivate ? 'private' : 'public' }),
    );
    this.upsertRoom(room);
    await this.openRoom(room.id);
  }
  async joinPublic(roomId: string): Promise<void> {
    this.upsertRoom(await this.guard(this.client.api.joinRoom(roomId)));
    await this.openRoom(roomId);
  }
  async leaveRoom(roomId: string): Promise<void> {
    await this.guard(this.client.api.leaveRoom(roomId));
    await this.client.leave(roomId).catch(() => undefined);
    this.dropRoom(roomId);
  }
  async invite(roomId: string, userId: string): Promise<void> {
    await this.guard(this.client.api.addMember(roomId, userId));
    await this.loadMembers(roomId);
  }
  async directMessage(userId: string): Promise<void> {
    const room = await this.guard(this.client.api.directRoom(userId));
    this.upsertRoom(room);
    this.learnUsers(room.memberIds ?? []);
    await this.openRoom(room.id);
  }
  searchUsers(q: string): Promise<User[]> {
    return this.client.api.searchUsers(q, 10).then((list) => list.items);
  }
  publicRooms(q?: string): Promise<Room[]> {
    return this.client.api.rooms({ scope: 'public', q: q || undefined }).then((page) => page.items);
  }

  // Messages.
  async send(roomId: string, body: string, attachmentIds: string[] = []): Promise<void> {
    await this.guard(this.client.send(roomId, body, undefined, { attachmentIds }));
  }
  upload(roomId: string, file: File, onProgress: (progress: UploadProgress) => void): Promise<Attachment> {
    return this.guard(this.client.api.uploadAttachment(roomId, file, { onProgress }));
  }
  async edit(message: Message, body: string): Promise<void> {
    this.replace(await this.guard(this.client.edit(message.roomId, message.id, body)));
  }
  async remove(message: Message): Promise<void> {
    await this.guard(this.client.delete(message.roomId, message.id));
  }
  async toggleReaction(message: Message, emoji: string): Promise<void> {
    const mine = message.reactions[emoji]?.includes(this.current.user?.id ?? '') ?? false;
    this.replace(await this.guard(this.client.react(message.roomId, message.id, emoji, !mine)));
  }
  typing(roomId: string, typing: boolean): void {
    this.client.typing(roomId, typing).catch(() => undefined);
  }

  // Notifications.
  notificationLevel(roomId: string): Promise<NotificationLevel> {
    return this.client.api.notificationLevel(roomId).then((settings) => settings.level);
  }
  async setNotificationLevel(roomId: string, level: NotificationLevel): Promise<NotificationLevel> {
    return (await this.guard(this.client.api.setNotificationLevel(roomId, level))).level;
  }
  /** Push notifications on this device, for this user; a failure is the caller's to show. */
  enablePush(): Promise<PushState> {
    return subscribeDevice(this.client.api);
  }

  dismissAnnouncement(): void {
    this.set({ announcement: null });
  }
  dismissError(): void {
    this.set({ error: null });
  }

  /** A user's display name, fetched once when unknown. */
  nameOf(userId: string): string {
    const user = this.current.users[userId];
    // Fetched after this render, not during it.
    if (!user) queueMicrotask(() => this.learnUsers([userId]));
    return user?.displayName ?? '…';
  }
  roomTitle(room: Room): string {
    if (room.kind !== 'direct') return room.name ?? '';
    const other = room.memberIds?.find((id) => id !== this.current.user?.id);
    return other ? this.nameOf(other) : 'Direct message';
  }

  private async start(): Promise<void> {
    const me = this.client.user;
    this.set({ user: me, error: null });
    if (me) this.set({ users: { ...this.current.users, [me.id]: me } });
    this.client.connect();
    const [rooms, announcement] = await Promise.all([
      this.client.api.rooms({ scope: 'joined', limit: 100 }).catch(() => ({ items: [] as Room[] })),
      this.client.api.currentAnnouncement().catch(() => null),
    ]);
    this.set({ rooms: rooms.items, announcement });
    this.roomsListed = true;
    this.followLink();
    this.learnUsers(rooms.items.flatMap((room) => room.memberIds ?? []));
    // Every joined room is followed live, for unread badges, and re-joined on every resume.
    await Promise.all(rooms.items.map((room) => this.client.join(room.id).catch(() => undefined)));
  }

  private async loadLatest(roomId: string): Promise<void> {
    const joinedAt = this.client.position(roomId);
    const query = joinedAt ? { beforeSeq: joinedAt + 1, limit: PAGE } : { limit: PAGE };
    const page = await this.guard(this.client.history(roomId, query));
    const view = this.current.views[roomId];
    this.setView(roomId, {
      messages: mergeMessages(view?.messages ?? [], page.items),
      hasOlder: page.hasMore,
    });
    this.learnUsers(page.items.map((m) => m.senderId));
  }

  private async loadMembers(roomId: string): Promise<void> {
    const page = await this.client.api.members(roomId, undefined, 100).catch(() => null);
    if (!page) return;
    const users = { ...this.current.users };
    for (const member of page.items) users[member.user.id] = member.user;
    this.set({ users });
    this.setView(roomId, { members: page.items });
    const ids = page.items.map((member) => member.user.id);
    const entries = await this.client.presence(ids).catch(() => [] as PresenceEntry[]);
    const presence = { ...this.current.presence };
    for (const entry of entries) presence[entry.userId] = entry.status;
    this.set({ presence });
  }

  private markRead(roomId: string): void {
    const room = this.current.rooms.find((r) => r.id === roomId);
    const last = this.current.views[roomId]?.messages.at(-1)?.seq ?? room?.lastSeq ?? 0;
    if (!room || (room.unread ?? 0) === 0) return;
    this.upsertRoom({ ...room, unread: 0, lastReadSeq: last });
    this.client.markRead(roomId, last).catch(() => undefined);
  }

  private receive(message: Message): void {
    const view = this.current.views[message.roomId];
    if (view) this.setView(message.roomId, { messages: mergeMessages(view.messages, [message]) });
    this.clearTyping(message.roomId, message.senderId);
    const room = this.current.rooms.find((r) => r.id === message.roomId);
    if (room) {
      const mine = message.senderId === this.current.user?.id;
      const reading = this.current.currentRoomId === room.id && document.visibilityState === 'visible';
      const unread = mine || reading ? 0 : (room.unread ?? 0) + 1;
      this.upsertRoom({ ...room, lastSeq: message.seq, lastActivityAt: message.createdAt, unread });
      if (reading && !mine) this.client.markRead(room.id, message.seq).catch(() => undefined);
    }
    this.learnUsers([message.senderId]);
  }

  private replace(message: Message): void {
    const view = this.current.views[message.roomId];
    if (view) this.setView(message.roomId, { messages: mergeMessages(view.messages, [message]) });
  }

  private wire(): void {
    const c = this.client;
    c.on('state', (connection) => this.set({ connection }));
    c.on('message', (message) => this.receive(message));
    c.on('message:updated', (message) => this.replace(message));
    c.on('message:deleted', (event) => {
      // The tombstone itself (1.1); a 1.0 server sends only the reference.
      if (event.message) return this.replace(event.message);
      const found = this.current.views[event.roomId]?.messages.find((m) => m.id === event.messageId);
      if (found) this.replace({ ...found, deleted: true, body: '', reactions: {} });
    });
    c.on('typing', ({ roomId, userId, typing }) =>
      typing ? this.showTyping(roomId, userId) : this.clearTyping(roomId, userId),
    );
    c.on('presence', ({ userId, status }) =>
      this.set({ presence: { ...this.current.presence, [userId]: status } }),
    );
    c.on('room:invited', (room) => {
      this.upsertRoom(room);
      this.learnUsers(room.memberIds ?? []);
      c.join(room.id).catch(() => undefined);
    });
    c.on('room:updated', (room) => this.upsertRoom(room));
    c.on('room:deleted', ({ roomId }) => this.dropRoom(roomId));
    c.on('room:removed', ({ roomId }) => this.dropRoom(roomId));
    c.on('room:dropped', ({ roomId }) => this.dropRoom(roomId));
    c.on('room:member-joined', ({ roomId }) => this.refreshMembers(roomId));
    c.on('room:member-left', ({ roomId }) => this.refreshMembers(roomId));
    c.on('announcement', (announcement) => this.set({ announcement }));
    c.on('session-ended', () => {
      this.current = { ...initial, error: 'Your session has ended. Please log in again.' };
      this.roomsListed = false;
      this.notify();
    });
  }

  private refreshMembers(roomId: string): void {
    if (this.current.currentRoomId === roomId) void this.loadMembers(roomId);
  }

  private showTyping(roomId: string, userId: string): void {
    if (userId === this.current.user?.id) return;
    const key = `${roomId}:${userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
      key,
      setTimeout(() => this.clearTyping(roomId, userId), TYPING_EXPIRY_MS),
    );
    const list = this.current.typing[roomId] ?? [];
    if (!list.includes(userId)) this.set({ typing: { ...this.current.typing, [roomId]: [...list, userId] } });
  }

  private clearTyping(roomId: string, userId: string): void {
    const key = `${roomId}:${userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.delete(key);
    const list = this.current.typing[roomId] ?? [];
    if (list.includes(userId))
      this.set({ typing: { ...this.current.typing, [roomId]: list.filter((id) => id !== userId) } });
  }

  private upsertRoom(room: Room): void {
    const others = this.current.rooms.filter((r) => r.id !== room.id);
    const previous = this.current.rooms.find((r) => r.id === room.id);
    const merged = { ...previous, ...room, unread: room.unread ?? previous?.unread ?? 0 };
    const rooms = [merged, ...others].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    this.set({ rooms });
  }

  private dropRoom(roomId: string): void {
    this.client.leave(roomId).catch(() => undefined);
    const views = { ...this.current.views };
    delete views[roomId];
    this.set({
      rooms: this.current.rooms.filter((r) => r.id !== roomId),
      views,
      currentRoomId: this.current.currentRoomId === roomId ? null : this.current.currentRoomId,
    });
  }

  private learnUsers(ids: string[]): void {
    const unknown = [...new Set(ids)].filter((id) => !this.current.users[id] && !this.pendingUsers.has(id));
    for (const id of unknown) {
      this.pendingUsers.add(id);
      this.client.api.user(id).then(
        (user) => this.set({ users: { ...this.current.users, [user.id]: user } }),
        () => this.pendingUsers.delete(id),
      );
    }
  }
  private readonly pendingUsers = new Set<string>();

  private setView(roomId: string, patch: Partial<RoomView>): void {
    const view = this.current.views[roomId] ?? { messages: [], hasOlder: false, members: [] };
    this.set({ views: { ...this.current.views, [roomId]: { ...view, ...patch } } });
  }

  private async guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      this.set({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private set(patch: Partial<ChatState>): void {
    this.current = { ...this.current, ...patch };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

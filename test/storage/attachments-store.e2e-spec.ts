import type { AttachmentRecord } from '@chat/attachments';
import { newId } from '@chat/platform/ids';
import { forEachStore } from '../support/storage-context';

function attachmentRecord(overrides: Partial<AttachmentRecord> = {}): AttachmentRecord {
  return {
    id: newId(),
    roomId: newId(),
    uploaderId: newId(),
    name: 'photo.jpg',
    contentType: 'image/jpeg',
    size: 1234,
    width: 640,
    height: 480,
    hasThumbnail: true,
    messageId: null,
    deleted: false,
    createdAt: new Date(),
    ...overrides,
  };
}

forEachStore('attachments store', (store) => {
  const repo = () => store().attachments;

  it('keeps a record as written', async () => {
    const record = attachmentRecord({
      width: null,
      height: null,
      hasThumbnail: false,
      name: 'naïve 日本.txt',
    });
    await repo().insert(record);
    expect(await repo().findById(record.id)).toEqual(record);
    expect(await repo().findById(newId())).toBeNull();
  });

  it("claims only the uploader's own attachment of the room, once; the same message may claim again", async () => {
    const record = attachmentRecord();
    await repo().insert(record);
    const claim = { roomId: record.roomId, uploaderId: record.uploaderId, messageId: newId() };
    expect(await repo().claim(record.id, { ...claim, uploaderId: newId() })).toBeNull();
    expect(await repo().claim(record.id, { ...claim, roomId: newId() })).toBeNull();

    const first = await repo().claim(record.id, claim);
    expect(first).toMatchObject({ took: true, record: { id: record.id, messageId: claim.messageId } });
    expect(await repo().claim(record.id, claim)).toMatchObject({ took: false });
    expect(await repo().claim(record.id, { ...claim, messageId: newId() })).toBeNull();

    await repo().release(record.id, newId());
    expect((await repo().findById(record.id))?.messageId).toBe(claim.messageId);
    await repo().release(record.id, claim.messageId);
    expect((await repo().findById(record.id))?.messageId).toBeNull();
  });

  it('gives a contested attachment to exactly one of many concurrent sends', async () => {
    const record = attachmentRecord();
    await repo().insert(record);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        repo().claim(record.id, { roomId: record.roomId, uploaderId: record.uploaderId, messageId: newId() }),
      ),
    );
    expect(results.filter((result) => result?.took)).toHaveLength(1);
  });

  it("marks a deleted message's attachments, which then cannot be claimed and are sweepable", async () => {
    const messageId = newId();
    const held = attachmentRecord();
    await repo().insert(held);
    await repo().claim(held.id, { roomId: held.roomId, uploaderId: held.uploaderId, messageId });
    await repo().markDeleted(messageId);
    expect((await repo().findById(held.id))?.deleted).toBe(true);
    expect(
      await repo().claim(held.id, { roomId: held.roomId, uploaderId: held.uploaderId, messageId }),
    ).toBeNull();
    const sweepable = await repo().listSweepable(new Date(0), 1000);
    expect(sweepable.map((r) => r.id)).toContain(held.id);
  });

  it('sweeps unclaimed uploads older than the cutoff, but never one a send claimed meanwhile', async () => {
    const old = new Date(Date.now() - 3_600_000);
    const stale = attachmentRecord({ createdAt: old });
    const claimedLate = attachmentRecord({ createdAt: old });
    const fresh = attachmentRecord();
    for (const record of [stale, claimedLate, fresh]) await repo().insert(record);
    const cutoff = new Date(Date.now() - 60_000);
    const sweepable = (await repo().listSweepable(cutoff, 1000)).map((r) => r.id);
    expect(sweepable).toEqual(expect.arrayContaining([stale.id, claimedLate.id]));
    expect(sweepable).not.toContain(fresh.id);

    await repo().claim(claimedLate.id, {
      roomId: claimedLate.roomId,
      uploaderId: claimedLate.uploaderId,
      messageId: newId(),
    });
    expect(await repo().remove(claimedLate.id, cutoff)).toBe(false);
    expect(await repo().remove(stale.id, cutoff)).toBe(true);
    expect(await repo().findById(stale.id)).toBeNull();
    expect(await repo().findById(claimedLate.id)).not.toBeNull();
  });

  it("lists a room's attachments and the rooms that hold any, bounded", async () => {
    const roomId = newId();
    const records = [attachmentRecord({ roomId }), attachmentRecord({ roomId })];
    for (const record of records) await repo().insert(record);
    expect((await repo().listByRoom(roomId, 10)).map((r) => r.id).sort()).toEqual(
      records.map((r) => r.id).sort(),
    );
    expect(await repo().listByRoom(roomId, 1)).toHaveLength(1);
    expect(await repo().roomIds(100_000)).toContain(roomId);
    expect(await repo().remove(records[0].id)).toBe(true);
    expect(await repo().listByRoom(roomId, 10)).toHaveLength(1);
  });
});

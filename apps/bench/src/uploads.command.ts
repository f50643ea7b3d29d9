import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Ack, Room, Session } from '@chat/contracts';
import {
  intendedSendTimes,
  latencyHistogram,
  percentiles,
  recordMs,
  type Percentiles,
} from '@chat/load-measure';
import { cpuMicros, processTree } from './machine/process-cpu';
import { cpuPlan, pinSelf, pinTree } from './machine/pinning';
import { connectSocket } from './sockets';
import { postJson, registerUsers } from './targets/chat-api';
import { StandaloneTarget } from './targets/standalone.target';

export interface UploadsOptions {
  pin: boolean;
  serverCpus: string;
  clientCpus: string;
  rate: string;
  senders: string;
  uploaders: string;
  duration: string;
  sizes: string;
}

interface Phase {
  label: string;
  sendToAck: Percentiles;
  sendErrors: number;
  uploads: number;
  uploadErrors: number;
  uploadedBytes: number;
  upload?: Percentiles;
  serverCores: number;
}

/** What one upload sends: random bytes (no preview), or a photo (sniffed, measured, previewed). */
interface UploadKind {
  label: string;
  name: string;
  bytes: Uint8Array;
}

async function uploadKinds(sizes: number[]): Promise<UploadKind[]> {
  const photo = await sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  return [
    ...sizes.map((size) => ({
      label: `${Math.round(size / 1024)} KiB binary`,
      name: 'blob.bin',
      bytes: randomBytes(size),
    })),
    {
      label: `photo 1600×1200 JPEG (${Math.round(photo.length / 1024)} KiB, previewed)`,
      name: 'photo.jpg',
      bytes: photo,
    },
  ];
}

async function uploadOnce(
  baseUrl: string,
  session: Session,
  roomId: string,
  kind: UploadKind,
): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([kind.bytes]), kind.name);
  const response = await fetch(`${baseUrl}/api/rooms/${roomId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}` },
    body: form,
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
}

/**
 * Upload throughput, and what uploads cost the gateway's send path: messages at a fixed offered rate
 * (send→ack measured from the intended send time), first alone, then while `uploaders` clients upload
 * back to back, for each kind of file. One standalone server (SQLite, fsync on, file-system store),
 * pinned to its own core.
 */
export async function runUploads(options: UploadsOptions): Promise<void> {
  const plan = cpuPlan(options.pin, options.serverCpus, options.clientCpus);
  pinSelf(plan);
  const rate = Number(options.rate);
  const durationMs = Number(options.duration) * 1000;
  const target = new StandaloneTarget({ RATE_LIMIT_UPLOADS_PER_MINUTE: '1000000' });
  await target.start();
  pinTree(target.serverPids(), plan);
  const baseUrl = target.baseUrl;
  try {
    const senderCount = Number(options.senders);
    const uploaderCount = Number(options.uploaders);
    const [owner, ...others] = await registerUsers(baseUrl, 1 + senderCount + uploaderCount);
    const room = await postJson<Room>(baseUrl, '/api/rooms', owner.accessToken, {
      name: 'uploads',
      visibility: 'public',
    });
    for (const member of others) await postJson(baseUrl, `/api/rooms/${room.id}/join`, member.accessToken);
    const senders = await Promise.all(
      others.slice(0, senderCount).map(async (session) => {
        const socket = await connectSocket(baseUrl, { auth: { token: session.accessToken } });
        await socket.emitWithAck('room:join', { roomId: room.id });
        return socket;
      }),
    );
    const uploaders = others.slice(senderCount);
    const kinds = await uploadKinds(options.sizes.split(',').map(Number));
    let sent = 0;

    const phase = async (kind: UploadKind | null): Promise<Phase> => {
      const acks = latencyHistogram();
      const uploadLatency = latencyHistogram();
      let sendErrors = 0;
      let uploads = 0;
      let uploadErrors = 0;
      let running = true;
      const pids = processTree(target.serverPids());
      const cpuBefore = cpuMicros(pids);
      const startedAt = Date.now() + 200;
      const loops = kind
        ? uploaders.map(async (session) => {
            while (running) {
              const started = performance.now();
              try {
                await uploadOnce(baseUrl, session, room.id, kind);
                uploads += 1;
                recordMs(uploadLatency, performance.now() - started);
              } catch {
                uploadErrors += 1;
              }
            }
          })
        : [];
      const inFlight: Promise<void>[] = [];
      for (const intended of intendedSendTimes(startedAt, rate, 0, durationMs, Number.MAX_SAFE_INTEGER)) {
        const wait = intended - Date.now();
        if (wait > 0) await sleep(wait);
        const socket = senders[sent % senders.length];
        sent += 1;
        inFlight.push(
          (
            socket.timeout(30_000).emitWithAck('message:send', {
              roomId: room.id,
              clientMsgId: `upload-bench-${sent}`,
              body: `message ${sent}`,
            }) as Promise<Ack<unknown>>
          ).then(
            (answer) => (answer.ok ? recordMs(acks, Date.now() - intended) : void (sendErrors += 1)),
            () => void (sendErrors += 1),
          ),
        );
      }
      await Promise.all(inFlight);
      const elapsedMs = Date.now() - startedAt;
      running = false;
      await Promise.all(loops);
      return {
        label: kind ? `sends + ${uploaderCount} uploaders, ${kind.label}` : 'sends alone',
        sendToAck: percentiles(acks),
        sendErrors,
        uploads,
        uploadErrors,
        uploadedBytes: uploads * (kind?.bytes.length ?? 0),
        upload: kind ? percentiles(uploadLatency) : undefined,
        serverCores: (cpuMicros(pids) - cpuBefore) / 1000 / elapsedMs,
      };
    };

    const phases: Phase[] = [await phase(null)];
    for (const kind of kinds) phases.push(await phase(kind));
    for (const socket of senders) socket.close();
    console.log(report(phases, { rate, durationMs, pinned: plan !== null }));
  } finally {
    await target.stop();
  }
}

function report(phases: Phase[], run: { rate: number; durationMs: number; pinned: boolean }): string {
  const seconds = run.durationMs / 1000;
  const rows = phases.map((p) =>
    [
      p.label,
      `${p.sendToAck.p50} / ${p.sendToAck.p99}`,
      p.sendErrors,
      p.upload ? (p.uploads / seconds).toFixed(1) : '–',
      p.upload ? (((p.uploadedBytes / seconds) * 8) / 1e6).toFixed(1) : '–',
      p.upload ? `${p.upload.p50} / ${p.upload.p99}` : '–',
      p.uploadErrors,
      p.serverCores.toFixed(2),
    ].join(' | '),
  );
  return [
    `${run.rate} msg/s offered for ${seconds} s per phase; server ${run.pinned ? 'pinned to its own core' : 'not pinned'}`,
    '',
    '| phase | send→ack p50 / p99 ms | send errors | uploads/s | upload Mbit/s | upload p50 / p99 ms | upload errors | server cores |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

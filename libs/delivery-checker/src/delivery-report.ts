export type BucketName = 'lost' | 'duplicated' | 'reordered' | 'unexpected' | 'recovered';

export const BUCKETS: readonly BucketName[] = ['lost', 'duplicated', 'reordered', 'unexpected', 'recovered'];

/** Why a finding is in its bucket. */
export type FindingKind =
  /** lost: acked, but not in the store. */
  | 'acked-not-stored'
  /** lost: stored after the member's join point, but never delivered to it. */
  | 'not-delivered'
  /** duplicated: one (senderId, clientMsgId), one seq or one id stored more than once. */
  | 'stored-twice'
  /** duplicated: one client got one send (or one seq) as two different messages. */
  | 'delivered-twice'
  /** reordered: the store gave a later send of one sender a lower seq than an earlier acked one. */
  | 'sender-order'
  /** reordered: a client delivered a lower seq after a higher one in the same room. */
  | 'delivery-order'
  /** unexpected: delivered, or stored, yet no client ever sent it. */
  | 'never-sent'
  /** recovered: the sender gave up (timeout or failure), yet the message was stored. */
  | 'stored-after-timeout';

export interface Finding {
  kind: FindingKind;
  roomId: string;
  clientId?: string;
  clientMsgId?: string;
  seq?: number;
  messageId?: string;
  detail: string;
}

/** The checker's verdict: machine-readable (`JSON.stringify` it) and printable with `formatReport`. */
export interface DeliveryReport {
  /** No finding in lost, duplicated, reordered or unexpected; recovered is informational. */
  ok: boolean;
  counts: Record<BucketName, number>;
  totals: { sends: number; acked: number; stored: number; receipts: number; members: number };
  buckets: Record<BucketName, Finding[]>;
}

const FAILING: readonly BucketName[] = ['lost', 'duplicated', 'reordered', 'unexpected'];

export function isPassing(counts: Record<BucketName, number>): boolean {
  return FAILING.every((bucket) => counts[bucket] === 0);
}

/** A short table for a test's output; the first few findings of each failing bucket follow it. */
export function formatReport(report: DeliveryReport, title = 'delivery'): string {
  const { totals } = report;
  const lines = [
    `${title}: ${report.ok ? 'PASS' : 'FAIL'} (sends ${totals.sends}, acked ${totals.acked}, stored ${totals.stored}, ` +
      `receipts ${totals.receipts}, members ${totals.members})`,
    ...BUCKETS.map((bucket) => `  ${bucket.padEnd(11)} ${String(report.counts[bucket]).padStart(6)}`),
  ];
  for (const bucket of FAILING) {
    for (const finding of report.buckets[bucket].slice(0, 5)) lines.push(`  ${bucket}: ${describe(finding)}`);
  }
  return lines.join('\n');
}

function describe(finding: Finding): string {
  const where = [
    finding.clientId,
    finding.roomId,
    finding.seq !== undefined ? `seq ${finding.seq}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return `${finding.kind} [${where}] ${finding.detail}`;
}

export type BucketName = 'lost' | 'lostChanges' | 'duplicated' | 'reordered' | 'unexpected' | 'recovered';

export const BUCKETS: readonly BucketName[] = [
  'lost',
  'lostChanges',
  'duplicated',
  'reordered',
  'unexpected',
  'recovered',
];

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
  | 'stored-after-timeout'
  /** lostChanges: an edit, deletion or reaction was acked, but the store's message is older than it. */
  | 'change-not-stored'
  /** lostChanges: a member ended holding a message in another state (rev or content) than the store's. */
  | 'change-not-reflected';

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
  /** No finding in lost, lostChanges, duplicated, reordered or unexpected; recovered is informational. */
  ok: boolean;
  counts: Record<BucketName, number>;
  totals: {
    sends: number;
    acked: number;
    stored: number;
    receipts: number;
    members: number;
    /** Changes (edits, deletions, reactions) sent, and acked. */
    changes: number;
    changesAcked: number;
  };
  buckets: Record<BucketName, Finding[]>;
}

const FAILING: readonly BucketName[] = ['lost', 'lostChanges', 'duplicated', 'reordered', 'unexpected'];

export function isPassing(counts: Record<BucketName, number>): boolean {
  return FAILING.every((bucket) => counts[bucket] === 0);
}

/** A short table for a test's output; the first few findings of each failing bucket follow it. */
export function formatReport(report: DeliveryReport, title = 'delivery'): string {
  const { totals } = report;
  const lines = [
    `${title}: ${report.ok ? 'PASS' : 'FAIL'} (sends ${totals.sends}, acked ${totals.acked}, stored ${totals.stored}, ` +
      `receipts ${totals.receipts}, members ${totals.members}, changes ${totals.changes}, ` +
      `changes acked ${totals.changesAcked})`,
    ...BUCKETS.map((bucket) => `  ${bucket.padEnd(12)} ${String(report.counts[bucket]).padStart(6)}`),
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

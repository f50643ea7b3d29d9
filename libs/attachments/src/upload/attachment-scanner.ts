import { execFile } from 'node:child_process';
import { Logger } from '@nestjs/common';
import { AppError } from '@chat/platform/errors';

export interface ScannedFile {
  path: string;
  name: string;
  contentType: string;
  size: number;
}

/**
 * The hook where a virus scanner accepts or refuses a file before it is stored, so before any message
 * can reference it. Bind another implementation, or set ATTACHMENT_SCAN_COMMAND.
 */
export abstract class AttachmentScanner {
  /** @throws AppError to refuse the upload */
  abstract scan(file: ScannedFile): Promise<void>;
}

export class AcceptEveryFile extends AttachmentScanner {
  scan(): Promise<void> {
    return Promise.resolve();
  }
}

const SCAN_DEADLINE_MS = 60_000;

/**
 * Runs `command <path>` (e.g. `clamdscan --no-summary`): exit 0 accepts, exit 1 refuses (the ClamAV
 * convention), anything else, or no answer within 60 s, answers UNAVAILABLE: an upload is never stored
 * unscanned.
 */
export class CommandScanner extends AttachmentScanner {
  private readonly logger = new Logger(CommandScanner.name);

  constructor(private readonly command: string) {
    super();
  }

  scan(file: ScannedFile): Promise<void> {
    const [program, ...args] = this.command.split(/\s+/).filter(Boolean);
    return new Promise((resolve, reject) => {
      execFile(program, [...args, file.path], { timeout: SCAN_DEADLINE_MS }, (error) => {
        if (!error) return resolve();
        if (error.code === 1) return reject(AppError.validation('The file was refused by the scanner'));
        this.logger.error(`scanner failed on ${file.name}: ${error.message}`);
        reject(new AppError('UNAVAILABLE', 'The file could not be scanned; retry later', 5000));
      });
    });
  }
}

import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatSize } from '../attachment-format';
import { downloadName } from '../download-name';
import { print } from '../print';
import type { Runner } from './command-runner';

export function attachmentsCommands(program: Command, run: Runner): void {
  program
    .command('download')
    .description('save an attachment of a message (ids are shown in history and chat)')
    .argument('<attachmentId>')
    .option('-o, --out <path>', 'where to save it (default: its name, in the current directory)')
    .option('--thumbnail', "save the image's preview (WebP, at most 320 px) instead")
    .action(
      run(async (context, id: string, options: { out?: string; thumbnail?: boolean }) => {
        context.requireSession();
        const variant = options.thumbnail ? 'thumbnail' : 'original';
        const file = await context.client.api.downloadAttachment(id, variant);
        const path = options.out ?? downloadName(id, file.contentType, file.contentDisposition);
        await writeFile(path, new Uint8Array(file.data));
        print(`saved ${path} (${formatSize(file.data.byteLength)}, ${file.contentType})`);
      }),
    );
}

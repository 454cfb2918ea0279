/*
 * Worker-thread entry of FileWriter (file-writer.ts): writes each file it is sent, in order, and
 * answers the end message with the first failure, if any (later files are still tried: one full
 * area's list should not hide whether the others could be written).
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { EndMessage, FileMessage, FileWriterReply } from './file-writer.js';

const port = parentPort!;
let error: string | null = null;
port.on('message', (message: FileMessage | EndMessage) => {
  if ('end' in message) {
    port.postMessage({ error } satisfies FileWriterReply);
    return;
  }
  try {
    writeFileSync(message.path, message.bytes);
  } catch (err) {
    error ??= `${message.path}: ${(err as Error).message}`;
  }
});

import Busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

const MAX_FIELD_BYTES = 1024 * 1024;

/**
 * Reads a multipart/form-data request into raw field bytes. The SDK sends the protobuf
 * `requestData` as a plain (non-file) field, so fields are decoded as latin1, which keeps every byte.
 */
export function readMultipartFields(request: IncomingMessage): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: request.headers,
        defCharset: 'latin1',
        defParamCharset: 'latin1',
        limits: { fieldSize: MAX_FIELD_BYTES },
      });
    } catch (error) {
      reject(error);
      return;
    }
    const fields: Record<string, Buffer> = Object.create(null) as Record<string, Buffer>;
    parser.on('field', (name, value) => {
      fields[name] = Buffer.from(value, 'latin1');
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        fields[name] = Buffer.concat(chunks);
      });
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(fields));
    request.pipe(parser);
  });
}

/**
 * Requests that Node's HTTP parser refuses before app.ts sees them (a request line or headers over
 * 16 KB, malformed HTTP) get a GraphQL-shaped error like every other refusal, not an empty reply.
 */
import type { Duplex } from 'node:stream';
import { countError } from './metrics';

const REFUSALS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'the request line and headers must fit in 16 KB'],
  HPE_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request took too long to arrive'],
  // What Node raises when server.requestTimeout passes before the whole body arrived.
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request took too long to arrive'],
};

export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // A client that went away cannot be answered.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = REFUSALS[err.code ?? ''] ?? [400, 'Bad Request', 'malformed HTTP request'];
  countError('BAD_REQUEST');
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

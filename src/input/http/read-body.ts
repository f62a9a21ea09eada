/**
 * Reads a request body into memory. The size limit is enforced before the
 * body is read, by hono's bodyLimit on the submit routes (`limitBody` in
 * routes/route-helpers.ts): it refuses a declared Content-Length over the
 * limit without reading, and counts a chunked upload as it streams in.
 */
import { BodyTooLargeError } from '../../errors.ts';

export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const body = new Uint8Array(await request.arrayBuffer());
  // bodyLimit trusts a declared Content-Length, which Node's HTTP parser enforces on a socket;
  // a Request handed to app.request() in process has no parser behind it.
  if (body.byteLength > limit) throw new BodyTooLargeError(limit);
  return body;
}

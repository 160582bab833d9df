/**
 * The status and headers of a response whose body has been read, to build its replacement. Passing the
 * response itself would also work, but @hono/node-server then turns the replacement into a full web
 * Response and streams it out, instead of writing the bytes in one go.
 */
export function initOf(res: Response): ResponseInit {
  return { status: res.status, statusText: res.statusText, headers: res.headers };
}
